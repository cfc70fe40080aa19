/** Which names a node or a graph reads, counting outer-scope references made from inside If/Loop/Scan bodies. */
import { subgraphsOf } from '../ir/attributes.ts';
import type { IrGraph, IrNode } from '../ir/types.ts';

/** Every name read by nodes inside `graphs` and their nested bodies (an over-approximation of outer reads). */
function namesReadIn(graphs: readonly IrGraph[]): Set<string> {
  const names = new Set<string>();
  const stack: IrGraph[] = [...graphs];
  for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
    for (const n of g.nodes) {
      for (const i of n.inputs) if (i !== '') names.add(i);
      stack.push(...subgraphsOf(n));
    }
  }
  return names;
}

/**
 * Names read inside the If/Loop/Scan bodies of `graph`'s nodes.
 * @internal
 */
export function namesReadInSubgraphs(graph: IrGraph): Set<string> {
  return namesReadIn(graph.nodes.flatMap(subgraphsOf));
}

/**
 * The names `node` reads: its non-empty inputs, then every name its bodies read (deduplicated).
 * @internal
 */
export function nodeReads(node: IrNode): string[] {
  const inputs = node.inputs.filter((i) => i !== '');
  const bodies = subgraphsOf(node);
  if (bodies.length === 0) return inputs;
  return [...new Set([...inputs, ...namesReadIn(bodies)])];
}
