/** Stable, unique ids for the nodes of the graph view. */
import { nodeLabel } from '../ir/attributes.ts';
import type { IrNode } from '../ir/types.ts';

/**
 * One id per node, unique among themselves and against `reserved` (port and block ids):
 * the node's name when it is non-empty and unique, else its label `<opType>→<first output>` (output names are
 * unique in a valid graph), and `#<index>` appended when even that collides. Deterministic: the same graph always
 * gets the same ids, and ids do not depend on node positions unless names collide.
 */
export function assignNodeIds(nodes: readonly IrNode[], reserved: ReadonlySet<string>): string[] {
  const nameCounts = new Map<string, number>();
  for (const n of nodes) nameCounts.set(n.name, (nameCounts.get(n.name) ?? 0) + 1);
  const used = new Set(reserved);
  return nodes.map((node, index) => {
    const unique = node.name !== '' && nameCounts.get(node.name) === 1;
    const first = node.outputs.find((o) => o !== '');
    let id = unique ? node.name : first === undefined ? nodeLabel(node) : `${node.opType}→${first}`;
    if (used.has(id)) id = `${id}#${String(index)}`;
    for (let k = 1; used.has(id); k++) id = `${id.replace(/~\d+$/, '')}~${String(k)}`;
    used.add(id);
    return id;
  });
}
