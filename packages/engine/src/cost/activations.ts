/** Activation memory: the bytes of every value computed at run time (graph inputs and non-`Constant` outputs). */
import { rawByteLength } from '../ir/dtype.ts';
import type { GraphIndex } from '../ir/graph-index.ts';
import type { IrGraph } from '../ir/types.ts';
import type { ShapeInferenceResult, TensorInfo } from '../shape/types.ts';
import { isConstantNode } from './parameters.ts';
import type { ActivationCost } from './types.ts';

function bytesOf(info: TensorInfo | undefined): number | undefined {
  if (info?.dtype === undefined || info.shape === undefined) return undefined;
  let elements = 1n;
  for (const d of info.shape) {
    if (typeof d !== 'number') return undefined;
    elements *= BigInt(d);
  }
  const bytes = rawByteLength(info.dtype, elements);
  return bytes === undefined ? undefined : Number(bytes);
}

function activation(name: string, info: TensorInfo | undefined): ActivationCost {
  return { name, dtype: info?.dtype, shape: info?.shape, bytes: bytesOf(info) };
}

/** Graph inputs that are not initializers, then node outputs in graph order, skipping `Constant` nodes. */
export function activationsOf(graph: IrGraph, index: GraphIndex, shapes: ShapeInferenceResult): ActivationCost[] {
  const out: ActivationCost[] = [];
  for (const input of graph.inputs) {
    if (!index.constants.has(input.name)) out.push(activation(input.name, shapes.values.get(input.name)));
  }
  for (const node of graph.nodes) {
    if (isConstantNode(node)) continue;
    for (const name of node.outputs) if (name !== '') out.push(activation(name, shapes.values.get(name)));
  }
  return out;
}

/**
 * The activation with the most bytes (the first one on ties). Undefined when any activation's size is unknown:
 * the largest of the known ones could be far smaller than the real largest, so it is not offered as such.
 */
export function largestOf(activations: readonly ActivationCost[]): ActivationCost | undefined {
  let best: ActivationCost | undefined;
  for (const a of activations) {
    if (a.bytes === undefined) return undefined;
    if (best?.bytes === undefined || a.bytes > best.bytes) best = a;
  }
  return best;
}
