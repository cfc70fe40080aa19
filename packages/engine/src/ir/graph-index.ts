import { attrTensor } from './attributes.ts';
import type { IrGraph, IrNode, IrTensor } from './types.ts';

/**
 * Lookups over one graph level, built once and read many times: who produces a value, who consumes it, and which
 * values are constant tensors. Weights may sit in initializers or in `Constant` nodes (Paddle exports use the
 * latter); both count as constants.
 */
export interface GraphIndex {
  readonly graph: IrGraph;
  /** Value name → producing node (graph inputs and initializers have none). */
  readonly producer: ReadonlyMap<string, IrNode>;
  /** Value name → nodes that read it, in graph order (a node appears once per input slot). */
  readonly consumers: ReadonlyMap<string, readonly IrNode[]>;
  /** Value name → constant tensor (initializer, or the `value` of a Constant node). */
  readonly constants: ReadonlyMap<string, IrTensor>;
  readonly graphInputs: ReadonlySet<string>;
  readonly graphOutputs: ReadonlySet<string>;
}

export function indexGraph(graph: IrGraph): GraphIndex {
  const producer = new Map<string, IrNode>();
  const consumers = new Map<string, IrNode[]>();
  const constants = new Map<string, IrTensor>();
  for (const t of graph.initializers) constants.set(t.name, t);
  for (const node of graph.nodes) {
    for (const o of node.outputs) if (o !== '') producer.set(o, node);
    for (const i of node.inputs) {
      if (i === '') continue;
      const list = consumers.get(i);
      if (list) list.push(node);
      else consumers.set(i, [node]);
    }
    if (node.opType === 'Constant' && (node.domain === '' || node.domain === 'ai.onnx')) {
      const out = node.outputs[0];
      const value = attrTensor(node, 'value');
      if (out !== undefined && value !== undefined) constants.set(out, value);
    }
  }
  return {
    graph,
    producer,
    consumers,
    constants,
    graphInputs: new Set(graph.inputs.map((v) => v.name)),
    graphOutputs: new Set(graph.outputs.map((v) => v.name)),
  };
}
