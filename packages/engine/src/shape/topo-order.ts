import { subgraphsOf } from '../ir/attributes.ts';
import type { IrGraph, IrNode } from '../ir/types.ts';

/**
 * Nodes of one graph level in an order where every producer comes before its consumers, counting values a
 * subgraph reads from the enclosing scope as inputs of the node that owns the subgraph.
 *
 * ONNX requires file order to be topological, and it almost always is, so that order is kept whenever it works;
 * otherwise Kahn's algorithm runs with file order as the tie-break. Nodes left on a cycle are appended in file
 * order (their inputs will read as unknown; the validator reports the cycle).
 */
export function topologicalOrder(graph: IrGraph): readonly IrNode[] {
  const nodes = graph.nodes;
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const o of n.outputs) if (o !== '') producer.set(o, i);
  });
  const deps = nodes.map((n, i) => {
    const set = new Set<number>();
    for (const name of dependencies(n)) {
      const p = producer.get(name);
      if (p !== undefined && p !== i) set.add(p);
    }
    return set;
  });
  if (deps.every((set, i) => [...set].every((p) => p < i))) return nodes;

  const indegree = deps.map((s) => s.size);
  const dependents = nodes.map(() => [] as number[]);
  deps.forEach((set, i) => {
    for (const p of set) dependents[p]?.push(i);
  });
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  const done = new Set<number>();
  const order: IrNode[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift();
    if (i === undefined) break;
    done.add(i);
    const node = nodes[i];
    if (node !== undefined) order.push(node);
    for (const j of dependents[i] ?? []) {
      const left = (indegree[j] ?? 0) - 1;
      indegree[j] = left;
      if (left === 0) ready.push(j);
    }
  }
  nodes.forEach((n, i) => {
    if (!done.has(i)) order.push(n);
  });
  return order;
}

/** A node's explicit inputs plus the outer-scope values its subgraphs read. */
function dependencies(node: IrNode): string[] {
  const names = node.inputs.filter((i) => i !== '');
  for (const g of subgraphsOf(node)) names.push(...outerReferences(g));
  return names;
}

/** Values a subgraph (and its nested subgraphs) reads without defining them. */
export function outerReferences(graph: IrGraph): string[] {
  const defined = new Set<string>([
    ...graph.inputs.map((v) => v.name),
    ...graph.initializers.map((t) => t.name),
    ...graph.sparseInitializers.map((s) => s.values.name),
  ]);
  for (const n of graph.nodes) for (const o of n.outputs) defined.add(o);
  const out = new Set<string>();
  for (const n of graph.nodes) {
    for (const name of dependencies(n)) if (!defined.has(name)) out.add(name);
  }
  return [...out];
}
