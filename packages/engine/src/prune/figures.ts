/** Static before/after figures of a model for transform reports. */
import { computeCost } from '../cost/cost-model.ts';
import { subgraphsOf } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import { tensorByteSize } from '../ir/tensor.ts';
import type { IrGraph, IrModel } from '../ir/types.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import type { ModelFigures } from './types.ts';

/**
 * Bytes of every constant tensor (initializers, sparse initializers, Constant values) in `graph` and its bodies.
 * @internal
 */
export function constantBytes(graph: IrGraph): number {
  let bytes = 0;
  const stack: IrGraph[] = [graph];
  for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
    for (const t of indexGraph(g).constants.values()) bytes += tensorByteSize(t);
    for (const s of g.sparseInitializers) bytes += tensorByteSize(s.values) + tensorByteSize(s.indices);
    for (const n of g.nodes) stack.push(...subgraphsOf(n));
  }
  return bytes;
}

/**
 * Parameters and MACs (from `computeCost`, static estimates), constant bytes and node count of the main graph.
 * Pre-conditions: `shapes` was inferred for `model`.
 * @internal
 */
export function modelFigures(model: IrModel, shapes: ShapeInferenceResult): ModelFigures {
  const cost = computeCost(model, shapes);
  return { params: cost.params, macs: cost.macs.total, bytes: constantBytes(model.graph), nodes: model.graph.nodes.length };
}
