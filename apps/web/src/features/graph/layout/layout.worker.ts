/**
 * The layout worker: runs ELK's layered algorithm off the main thread, so a large graph never freezes the page, and
 * the page can cancel a long layout by terminating this worker. ELK's bundled build runs synchronously in here (no
 * nested worker); it installs its own `self.onmessage` when loaded in a worker, which we clear — our messages use
 * `addEventListener` and a `type` field ELK would not understand anyway.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { ELK_OPTIONS, type LayoutReply, type LayoutRequest } from './protocol.ts';

/** The parts of the worker scope used here (the app's tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: unknown;
  postMessage(message: LayoutReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;
scope.onmessage = null;

const elk = new ELK();

async function layout(request: LayoutRequest): Promise<LayoutReply> {
  const started = performance.now();
  const result = await elk.layout({
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: request.boxes.map((b) => ({ id: b.id, width: b.width, height: b.height })),
    edges: request.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return { type: 'done', requestId: request.requestId, positions, ms: performance.now() - started };
}

scope.addEventListener('message', (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  layout(request).then(
    (reply) => { scope.postMessage(reply); },
    (error: unknown) => {
      const reply: LayoutReply = { type: 'error', requestId: request.requestId, message: error instanceof Error ? error.message : String(error) };
      scope.postMessage(reply);
    },
  );
});
