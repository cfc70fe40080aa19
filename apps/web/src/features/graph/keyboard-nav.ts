/**
 * Keyboard navigation along edges of the drawn graph: Down follows an outgoing edge, Up an incoming one, Left/Right
 * step between siblings (items fed by the same predecessor, else in the same layer, ordered left to right). Pure.
 */
import type { VisibleGraph } from './visible-graph.ts';

/** @public */
export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/** @public */
export function isNavKey(key: string): key is NavKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight';
}

type Positions = Readonly<Record<string, { readonly x: number; readonly y: number }>>;

function byX(ids: readonly string[], positions: Positions): string[] {
  return [...ids].sort((a, b) => (positions[a]?.x ?? 0) - (positions[b]?.x ?? 0));
}

/**
 * The item to select after `key`, or `selected` when there is nowhere to go. With nothing selected, any key selects
 * the first item (a graph input).
 * @public
 */
export function navigate(graph: VisibleGraph, positions: Positions, selected: string | null, key: NavKey): string | null {
  if (selected === null || !graph.items.some((i) => i.id === selected)) return graph.items[0]?.id ?? null;
  const outs = byX(graph.edges.filter((e) => e.source === selected).map((e) => e.target), positions);
  const ins = byX(graph.edges.filter((e) => e.target === selected).map((e) => e.source), positions);
  if (key === 'ArrowDown') return outs[0] ?? selected;
  if (key === 'ArrowUp') return ins[0] ?? selected;
  const parent = ins[0];
  const y = positions[selected]?.y;
  const siblings =
    parent !== undefined
      ? byX(graph.edges.filter((e) => e.source === parent).map((e) => e.target), positions)
      : byX(graph.items.filter((i) => positions[i.id]?.y === y).map((i) => i.id), positions);
  const at = siblings.indexOf(selected);
  if (at === -1 || siblings.length < 2) return selected;
  const next = key === 'ArrowRight' ? at + 1 : at - 1;
  return siblings[(next + siblings.length) % siblings.length] ?? selected;
}
