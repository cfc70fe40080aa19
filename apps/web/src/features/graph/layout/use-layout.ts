/**
 * Runs layouts in the worker and exposes their state. One worker at a time: a new request supersedes the previous
 * one (its late answer is ignored by request id), and Cancel terminates the worker outright — ELK cannot be
 * interrupted, so that is the only way to stop a long layout — and a fresh worker is made for the next request.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VisibleGraph } from '../visible-graph.ts';
import { layoutRequest, type LayoutReply } from './protocol.ts';

/** @public */
export type LayoutState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly startedAt: number; readonly items: number; readonly edges: number }
  | { readonly status: 'done'; readonly positions: Readonly<Record<string, { x: number; y: number }>>; readonly ms: number; readonly graph: VisibleGraph }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

/** @public */
export interface LayoutControls {
  readonly state: LayoutState;
  readonly run: (graph: VisibleGraph) => void;
  readonly cancel: () => void;
}

function newWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'whittle-layout' });
}

/** @public */
export function useLayout(): LayoutControls {
  const [state, setState] = useState<LayoutState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const current = useRef(0);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const run = useCallback((graph: VisibleGraph) => {
    const requestId = ++current.current;
    const w = worker.current ?? newWorker();
    worker.current = w;
    w.onmessage = (event: MessageEvent<LayoutReply>) => {
      const reply = event.data;
      if (reply.requestId !== current.current) return;
      setState(reply.type === 'done' ? { status: 'done', positions: reply.positions, ms: reply.ms, graph } : { status: 'error', message: reply.message });
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (requestId !== current.current) return;
      stop();
      setState({ status: 'error', message: `The layout worker failed: ${event.message}` });
    };
    setState({ status: 'running', startedAt: performance.now(), items: graph.items.length, edges: graph.edges.length });
    w.postMessage(layoutRequest(graph, requestId));
  }, [stop]);

  const cancel = useCallback(() => {
    current.current += 1;
    stop();
    setState({ status: 'cancelled' });
  }, [stop]);

  return { state, run, cancel };
}
