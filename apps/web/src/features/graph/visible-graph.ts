/**
 * What the canvas draws for a set of expanded blocks: every drawn node shows as itself, or as its OUTERMOST collapsed
 * block; edges are re-targeted to those stand-ins, merged, and self-loops inside a collapsed block dropped. Pure, so
 * expand/collapse is unit-tested without a DOM and the result can be handed to the layout worker as it is.
 */
import type { GraphIndex } from './graph-index.ts';

/** Above this many drawn items, blocks start collapsed (ELK lays out ~300 boxes in well under a second). @public */
export const COLLAPSE_THRESHOLD = 300;

/** @public */
export type VisibleItem =
  | { readonly kind: 'port'; readonly id: string; readonly label: string; readonly detail: string }
  | { readonly kind: 'node'; readonly id: string; readonly label: string; readonly opType: string }
  | { readonly kind: 'block'; readonly id: string; readonly label: string; readonly count: number };

/** @public */
export interface VisibleEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** How many DTO edges this one stands for (> 1 between collapsed blocks). */
  readonly count: number;
}

/** @public */
export interface VisibleGraph {
  readonly items: readonly VisibleItem[];
  readonly edges: readonly VisibleEdge[];
  /** DTO node or port id → the id of the item drawing it. */
  readonly standIn: ReadonlyMap<string, string>;
}

/** A block can fold only when it is not the root and folding saves a box (≥ 2 drawn nodes). @public */
export function isCollapsible(index: GraphIndex, blockId: string): boolean {
  const block = index.blockById.get(blockId);
  return block !== undefined && block.parentId !== null && (index.drawnCount.get(blockId) ?? 0) >= 2;
}

/** The item that draws `nodeId` when the blocks in `expanded` are open. @public */
export function standInOf(index: GraphIndex, nodeId: string, expanded: ReadonlySet<string>): string {
  for (const blockId of index.blockChain.get(nodeId) ?? []) {
    if (!expanded.has(blockId) && isCollapsible(index, blockId)) return blockId;
  }
  return nodeId;
}

function portDetail(port: { readonly dtype: string | null; readonly shape: readonly (string | number)[] | null }): string {
  return `${port.dtype ?? '?'}[${port.shape === null ? '?' : port.shape.join(', ')}]`;
}

/** The drawn items and merged edges for `expanded`. O(nodes + edges). @public */
export function visibleGraph(index: GraphIndex, expanded: ReadonlySet<string>): VisibleGraph {
  const { dto } = index;
  const items: VisibleItem[] = [];
  const standIn = new Map<string, string>();
  const placed = new Set<string>();
  for (const port of dto.inputs) {
    items.push({ kind: 'port', id: port.id, label: port.name, detail: portDetail(port) });
    standIn.set(port.id, port.id);
  }
  for (const node of index.nodes) {
    const id = standInOf(index, node.id, expanded);
    standIn.set(node.id, id);
    if (placed.has(id)) continue;
    placed.add(id);
    if (id === node.id) items.push({ kind: 'node', id, label: node.label, opType: node.opType });
    else {
      const block = index.blockById.get(id);
      items.push({ kind: 'block', id, label: block?.path ?? id, count: index.drawnCount.get(id) ?? 0 });
    }
  }
  for (const port of dto.outputs) {
    items.push({ kind: 'port', id: port.id, label: port.name, detail: portDetail(port) });
    standIn.set(port.id, port.id);
  }
  const merged = new Map<string, { source: string; target: string; count: number }>();
  for (const edge of dto.edges) {
    const source = standIn.get(edge.source);
    const target = standIn.get(edge.target);
    if (source === undefined || target === undefined || source === target) continue;
    const key = `${source}\u0000${target}`;
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, { source, target, count: 1 });
    else seen.count += 1;
  }
  const edges = [...merged.values()].map((e, i) => ({ id: `e${String(i)}`, ...e }));
  return { items, edges, standIn };
}

/** Drawn items for `expanded`, without building edges (to size the default view). */
function countItems(index: GraphIndex, expanded: ReadonlySet<string>): number {
  const ids = new Set<string>();
  for (const node of index.nodes) ids.add(standInOf(index, node.id, expanded));
  return ids.size + index.dto.inputs.length + index.dto.outputs.length;
}

/**
 * The blocks open when a model is first shown: all of them on small graphs; on large ones, whole depth levels are
 * opened from the top while the drawn item count stays within `threshold` (whole levels, so sibling blocks look alike).
 * @public
 */
export function defaultExpanded(index: GraphIndex, threshold = COLLAPSE_THRESHOLD): Set<string> {
  const all = new Set(index.blockById.keys());
  if (index.nodes.length + index.dto.inputs.length + index.dto.outputs.length <= threshold) return all;
  const byDepth = new Map<number, string[]>();
  for (const block of index.blockById.values()) {
    const list = byDepth.get(block.depth) ?? [];
    list.push(block.id);
    byDepth.set(block.depth, list);
  }
  const expanded = new Set<string>();
  const depths = [...byDepth.keys()].sort((a, b) => a - b);
  for (const depth of depths) {
    const next = new Set([...expanded, ...(byDepth.get(depth) ?? [])]);
    // The root level always opens: a single box for the whole model says nothing.
    if (expanded.size > 0 && countItems(index, next) > threshold) break;
    for (const id of next) expanded.add(id);
  }
  return expanded;
}

/** `expanded` plus every block enclosing `nodeId`, so the node itself is drawn (search jumps, group highlights). @public */
export function revealNode(index: GraphIndex, nodeId: string, expanded: ReadonlySet<string>): Set<string> {
  return new Set([...expanded, ...(index.blockChain.get(nodeId) ?? [])]);
}
