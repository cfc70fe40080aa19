/** Search over every node of the model (collapsed ones included): by name, label or op type, case-insensitive. */
import type { GraphIndex, ViewNode } from './graph-index.ts';

/** At most this many hits are listed; the count says how many matched. @public */
export const MAX_HITS = 50;

/** @public */
export interface SearchResult {
  readonly hits: readonly ViewNode[];
  readonly total: number;
}

/**
 * Nodes matching `query`: an exact op type first (typing "Conv" lists Convs, not "ConvTranspose" and "/conv1/Relu"
 * mixed in), then names and labels containing it, in graph order. An empty query matches nothing.
 * @public
 */
export function searchNodes(index: GraphIndex, query: string): SearchResult {
  const q = query.trim().toLowerCase();
  if (q === '') return { hits: [], total: 0 };
  const exactOp: ViewNode[] = [];
  const other: ViewNode[] = [];
  for (const node of index.nodes) {
    if (node.opType.toLowerCase() === q) exactOp.push(node);
    else if (node.label.toLowerCase().includes(q) || node.name.toLowerCase().includes(q) || node.opType.toLowerCase().includes(q)) other.push(node);
  }
  const all = [...exactOp, ...other];
  return { hits: all.slice(0, MAX_HITS), total: all.length };
}
