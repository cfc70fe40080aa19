/** Dead-code removal after a transform: nodes nobody needs, constants nobody reads, stale value_info. */
import type { IrGraph, IrNode } from '../ir/types.ts';
import { nodeReads } from './graph-reads.ts';

/**
 * Removes every node whose outputs reach no graph output (Constant nodes included), every initializer and sparse
 * initializer no live node reads, and value_info and quantization annotations of names that no longer exist.
 *
 * Pre-conditions: a structurally valid graph (node order need not be topological).
 * Post-conditions: graph inputs and outputs are kept as declared, even when an input is no longer read; surviving
 * nodes keep their order and are shared object for object; names read from inside If/Loop/Scan bodies count as read.
 * Returns the input graph itself when nothing is dead.
 * @public
 */
export function removeDeadCode(graph: IrGraph): IrGraph {
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    for (const o of n.outputs) if (o !== '') producer.set(o, i);
  });
  const liveNames = new Set<string>();
  const liveNodes = new Set<number>();
  const stack = graph.outputs.map((o) => o.name);
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    if (liveNames.has(name)) continue;
    liveNames.add(name);
    const at = producer.get(name);
    if (at === undefined || liveNodes.has(at)) continue;
    liveNodes.add(at);
    const node = graph.nodes[at];
    if (node !== undefined) stack.push(...nodeReads(node));
  }

  const nodes = graph.nodes.filter((_, i) => liveNodes.has(i));
  const initializers = graph.initializers.filter((t) => liveNames.has(t.name));
  const sparseInitializers = graph.sparseInitializers.filter((s) => liveNames.has(s.values.name));
  const defined = new Set<string>([
    ...graph.inputs.map((v) => v.name),
    ...initializers.map((t) => t.name),
    ...sparseInitializers.map((s) => s.values.name),
    ...nodes.flatMap((n: IrNode) => n.outputs),
  ]);
  const valueInfo = graph.valueInfo.filter((v) => defined.has(v.name));
  const quantizationAnnotations = graph.quantizationAnnotations.filter((q) => defined.has(q.tensorName));
  if (
    nodes.length === graph.nodes.length &&
    initializers.length === graph.initializers.length &&
    sparseInitializers.length === graph.sparseInitializers.length &&
    valueInfo.length === graph.valueInfo.length &&
    quantizationAnnotations.length === graph.quantizationAnnotations.length
  ) {
    return graph;
  }
  return { ...graph, nodes, initializers, sparseInitializers, valueInfo, quantizationAnnotations };
}

/**
 * The graph without value_info entries for `names` (values whose shape a transform changed).
 * @internal
 */
export function withoutValueInfo(graph: IrGraph, names: ReadonlySet<string>): IrGraph {
  const valueInfo = graph.valueInfo.filter((v) => !names.has(v.name));
  return valueInfo.length === graph.valueInfo.length ? graph : { ...graph, valueInfo };
}
