/**
 * The run state of "benchmark on this device": idle → running (with progress) → done / failed / cancelled. Holds the
 * AbortController so Cancel stops the run between two inferences; a cancelled run stores nothing.
 */
import type { BenchmarkDto } from '@whittle/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceBenchProgress, DeviceBenchRequest } from './run-device-bench.ts';

/** What the panel shows. */
export type DeviceBenchState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: DeviceBenchProgress }
  | { readonly kind: 'done'; readonly benchmark: BenchmarkDto }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

/** The state, `start` and `cancel`. `onSaved` runs after the result is stored. */
export function useDeviceBench(onSaved: (benchmark: BenchmarkDto) => void): {
  state: DeviceBenchState;
  start: (request: DeviceBenchRequest) => void;
  cancel: () => void;
} {
  const [state, setState] = useState<DeviceBenchState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  // Leaving the page stops a run in progress: nobody is there to see it, and it would hold the CPU.
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    (request: DeviceBenchRequest) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState({ kind: 'running', progress: { stage: 'download' } });
      // onnxruntime-web loads on the first run, not with the page: most visits only read the comparison.
      import('./run-device-bench.ts')
        .then(({ runDeviceBench }) =>
          runDeviceBench(request, abort.signal, (progress) => {
            if (!abort.signal.aborted) setState({ kind: 'running', progress });
          }),
        )
        .then(
          (benchmark) => {
            setState({ kind: 'done', benchmark });
            onSaved(benchmark);
          },
          (error: unknown) => {
            if (abort.signal.aborted) setState({ kind: 'cancelled' });
            else setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
          },
        );
    },
    [onSaved],
  );
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, start, cancel };
}
