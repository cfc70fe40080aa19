/** Fetches and validates a graph view off the main thread, then streams it to the page in chunks (see protocol.ts). */
import { graphViewSchema } from '@whittle/shared';
import { ApiRequestError, apiFetch } from '../../../api/client.ts';
import { CHUNK, type LoadReply, type LoadRequest } from './protocol.ts';

/** The parts of the worker scope used here (the app's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  postMessage(message: LoadReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LoadRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

async function load(path: string): Promise<void> {
  const { nodes, edges, ...head } = await apiFetch(path, graphViewSchema);
  scope.postMessage({ type: 'head', head });
  for (let i = 0; i < nodes.length; i += CHUNK) scope.postMessage({ type: 'nodes', nodes: nodes.slice(i, i + CHUNK) });
  for (let i = 0; i < edges.length; i += CHUNK) scope.postMessage({ type: 'edges', edges: edges.slice(i, i + CHUNK) });
  scope.postMessage({ type: 'end' });
}

scope.addEventListener('message', (event) => {
  load(event.data.path).catch((error: unknown) => {
    if (error instanceof ApiRequestError) scope.postMessage({ type: 'error', status: error.status, code: error.code, message: error.message });
    else scope.postMessage({ type: 'error', status: 0, code: 'INVALID_GRAPH', message: error instanceof Error ? error.message : String(error) });
  });
});
