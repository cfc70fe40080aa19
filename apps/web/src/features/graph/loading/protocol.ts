/**
 * Messages of the graph-loading worker. A 10k-node graph view is ~10 MB of JSON: parsing (~0.4 s) and validating
 * (~0.5 s) it on the main thread froze the page for about a second, and even handing the parsed DTO over in one
 * message costs ~0.4 s of deserialisation. So the worker fetches and validates, then sends the DTO in chunks — each
 * chunk is its own task on the main thread, and the page keeps painting between them.
 */
import type { GraphViewDto } from '@whittle/shared';

/** @public */
export interface LoadRequest {
  readonly type: 'load';
  readonly path: string;
}

/** Everything but the node and edge lists. */
type Head = Omit<GraphViewDto, 'nodes' | 'edges'>;

/** @public */
export type LoadReply =
  | { readonly type: 'head'; readonly head: Head }
  | { readonly type: 'nodes'; readonly nodes: GraphViewDto['nodes'] }
  | { readonly type: 'edges'; readonly edges: GraphViewDto['edges'] }
  | { readonly type: 'end' }
  | { readonly type: 'error'; readonly status: number; readonly code: string; readonly message: string };

/** Items per chunk: ~1 MB of nodes, a few tens of ms to deserialise. @public */
export const CHUNK = 1000;
