/** Swaps constant tensors of a graph for new ones, wherever they are stored (initializers or Constant nodes). */
import { normalizeDomain } from '../ir/attributes.ts';
import type { IrGraph, IrNode, IrTensor, IrValueInfo } from '../ir/types.ts';

function isConstantNode(node: IrNode): boolean {
  return node.opType === 'Constant' && normalizeDomain(node.domain) === 'ai.onnx';
}

function withValue(node: IrNode, tensor: IrTensor): IrNode {
  return {
    ...node,
    attributes: node.attributes.map((a) => (a.name === 'value' && a.type === 'TENSOR' ? { ...a, value: { ...tensor, name: a.value.name } } : a)),
  };
}

/** A graph input that restates an initializer (IR < 4) follows the initializer's new dims. */
function withShape(input: IrValueInfo, tensor: IrTensor): IrValueInfo {
  return input.type?.kind === 'tensor' ? { ...input, type: { ...input.type, shape: [...tensor.dims] } } : input;
}

/**
 * Replaces the constant behind each value name in `replacements`: the initializer of that name, or the `value` of the
 * Constant node that outputs it (the tensor's own name inside the attribute is kept).
 *
 * Post-conditions: every other part of the graph is shared with the input, object for object; graph inputs that
 * restate a replaced initializer (IR < 4) declare its new dims; value_info is left to the caller.
 * @internal
 */
export function replaceConstants(graph: IrGraph, replacements: ReadonlyMap<string, IrTensor>): IrGraph {
  if (replacements.size === 0) return graph;
  return {
    ...graph,
    initializers: graph.initializers.map((t) => {
      const r = replacements.get(t.name);
      return r === undefined ? t : { ...r, name: t.name };
    }),
    nodes: graph.nodes.map((n) => {
      const r = isConstantNode(n) ? replacements.get(n.outputs[0] ?? '') : undefined;
      return r === undefined ? n : withValue(n, r);
    }),
    inputs: graph.inputs.map((i) => {
      const r = replacements.get(i.name);
      return r === undefined ? i : withShape(i, r);
    }),
  };
}
