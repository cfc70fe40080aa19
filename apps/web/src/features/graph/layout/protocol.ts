/**
 * Messages between the page and the layout worker, and the ELK input built from a visible graph. Kept apart from the
 * worker so the page never imports ELK (the ~1.5 MB layout engine loads only inside the worker).
 */
import type { VisibleGraph, VisibleItem } from '../visible-graph.ts';

/** @public */
export interface LayoutBox {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

/** @public */
export interface LayoutRequest {
  readonly type: 'layout';
  readonly requestId: number;
  readonly boxes: readonly LayoutBox[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string }[];
}

/** @public */
export type LayoutReply =
  | { readonly type: 'done'; readonly requestId: number; readonly positions: Readonly<Record<string, { x: number; y: number }>>; readonly ms: number }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };

/** Box height of every drawn item (px). @public */
export const BOX_HEIGHT = 40;

/** Box width from the text it shows: a monospace-ish estimate, clamped, since the worker cannot measure the DOM. @public */
export function boxWidth(item: VisibleItem): number {
  const text = item.kind === 'node' ? Math.max(item.opType.length + 2, Math.min(item.label.length, 28)) : Math.min(item.label.length + 8, 36);
  return Math.min(260, Math.max(110, text * 7.5 + 24));
}

/** The request for one layout of `graph`. @public */
export function layoutRequest(graph: VisibleGraph, requestId: number): LayoutRequest {
  return {
    type: 'layout',
    requestId,
    boxes: graph.items.map((item) => ({ id: item.id, width: boxWidth(item), height: BOX_HEIGHT })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/**
 * ELK options: layered top-down; SIMPLE placement and POLYLINE routing are the fastest measured combination
 * (platform-facts §6: 1.5–2 s for 2,000 nodes vs 3–5 s with defaults). React Flow draws its own edges, so ELK's routes
 * are not used; model order keeps inputs on the left, as the file lists them.
 * @public
 */
export const ELK_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.spacing.nodeNode': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
};
