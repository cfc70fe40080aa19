/** Loads a graph view through the loading worker (see protocol.ts for why); abortable through the query's signal. */
import type { GraphViewDto } from '@whittle/shared';
import { ApiRequestError } from '../../../api/client.ts';
import type { LoadReply, LoadRequest } from './protocol.ts';

/** Resolves the validated graph view at `path` (an API path); rejects with ApiRequestError like apiFetch. @public */
export function loadGraphView(path: string, signal: AbortSignal): Promise<GraphViewDto> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./graph-loader.worker.ts', import.meta.url), { type: 'module', name: 'whittle-graph-loader' });
    let head: Extract<LoadReply, { type: 'head' }>['head'] | undefined;
    const nodes: GraphViewDto['nodes'][number][] = [];
    const edges: GraphViewDto['edges'][number][] = [];
    const finish = () => { worker.terminate(); };
    signal.addEventListener('abort', () => {
      finish();
      reject(new DOMException('The graph load was aborted.', 'AbortError'));
    }, { once: true });
    worker.onmessage = (event: MessageEvent<LoadReply>) => {
      const reply = event.data;
      switch (reply.type) {
        case 'head':
          head = reply.head;
          break;
        case 'nodes':
          for (const n of reply.nodes) nodes.push(n);
          break;
        case 'edges':
          for (const e of reply.edges) edges.push(e);
          break;
        case 'end':
          finish();
          // Validated in the worker with graphViewSchema; reassembled here unchanged.
          if (head === undefined) reject(new ApiRequestError(0, 'INVALID_GRAPH', 'The graph loader sent no header.'));
          else resolve({ ...head, nodes, edges });
          break;
        case 'error':
          finish();
          reject(new ApiRequestError(reply.status, reply.code, reply.message));
          break;
      }
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish();
      reject(new ApiRequestError(0, 'WORKER', `The graph loader failed: ${event.message}`));
    };
    const request: LoadRequest = { type: 'load', path };
    worker.postMessage(request);
  });
}
