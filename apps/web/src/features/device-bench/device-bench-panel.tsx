/**
 * "On this device": pick a variant, label the device, check the input shapes and run counts, and measure the variant
 * in this browser with onnxruntime-web (wasm). The result is stored with the server's benchmarks and shows up in the
 * comparison as its own device column.
 */
import type { BenchmarkDto } from '@whittle/shared';
import { useId, useState, type JSX } from 'react';
import { defaultDeviceLabel } from './device-label.ts';
import { formatShapes, parseShapes, type ShapeMap } from './input-shapes.ts';
import { useDeviceBench, type DeviceBenchState } from './use-device-bench.ts';

/** A variant the panel can benchmark. */
export interface BenchableVariant {
  readonly id: string;
  readonly name: string;
  readonly ready: boolean;
}

/** Props of {@link DeviceBenchPanel}. */
export interface DeviceBenchPanelProps {
  readonly variants: readonly BenchableVariant[];
  /** The shapes the server benchmark fed this variant (or its project), to prefill the shapes field. */
  readonly defaultShapes: (variantId: string) => ShapeMap;
  readonly onSaved: (benchmark: BenchmarkDto) => void;
}

function statusText(state: DeviceBenchState): string {
  switch (state.kind) {
    case 'idle':
      return 'Not run yet.';
    case 'running': {
      const p = state.progress;
      if (p.stage === 'measure') return `Measuring: run ${String(p.done)} of at most ${String(p.planned)}…`;
      return { download: 'Downloading the model…', session: 'Opening an onnxruntime-web session…', save: 'Saving the result…' }[p.stage];
    }
    case 'done': {
      const s = state.benchmark.results.series[0];
      return s === undefined ? 'Saved.' : `Saved: p50 ${s.p50Ms.toFixed(3)} ms, p99 ${s.p99Ms.toFixed(3)} ms over ${String(s.runs)} runs (${s.stable ? 'median stable' : 'stopped by a cap'}).`;
    }
    case 'failed':
      return `Failed: ${state.message}`;
    case 'cancelled':
      return 'Cancelled; nothing was stored.';
  }
}

function NumberField(props: { label: string; testId: string; value: number; min: number; max: number; onChange: (v: number) => void }): JSX.Element {
  const id = useId();
  return (
    <span className="bench-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        data-testid={props.testId}
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => {
          props.onChange(Math.min(props.max, Math.max(props.min, Math.round(Number(e.target.value)))));
        }}
      />
    </span>
  );
}

/** @public */
export function DeviceBenchPanel({ variants, defaultShapes, onSaved }: DeviceBenchPanelProps): JSX.Element {
  const ready = variants.filter((v) => v.ready);
  const [variantId, setVariantId] = useState(ready.at(-1)?.id ?? '');
  const [label, setLabel] = useState(() => defaultDeviceLabel(navigator.userAgent, navigator.hardwareConcurrency));
  const [shapesText, setShapesText] = useState(() => formatShapes(defaultShapes(variantId)));
  const [warmupRuns, setWarmupRuns] = useState(5);
  const [minRuns, setMinRuns] = useState(20);
  const [maxRuns, setMaxRuns] = useState(200);
  const [threads, setThreads] = useState(1);
  const [formError, setFormError] = useState<string | null>(null);
  const { state, start, cancel } = useDeviceBench(onSaved);
  const ids = { variant: useId(), label: useId(), shapes: useId() };
  const running = state.kind === 'running';
  const progress = state.kind === 'running' && state.progress.stage === 'measure' ? state.progress : undefined;

  const submit = (): void => {
    try {
      const shapes = parseShapes(shapesText);
      if (label.trim() === '') throw new Error('Give this device a label.');
      if (minRuns > maxRuns) throw new Error('Min runs must not exceed max runs.');
      setFormError(null);
      start({ variantId, deviceLabel: label.trim(), shapes, threads, seed: 0, settings: { warmupRuns, minRuns, maxRuns, maxSecondsPerSeries: 20, stabilityTolerance: 0.02 } });
    } catch (error) {
      setFormError(error instanceof Error ? error.message : String(error));
    }
  };

  if (ready.length === 0) return <p className="compare-empty">No ready variant to benchmark yet.</p>;
  return (
    <form
      className="bench-panel"
      data-testid="device-bench"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <span className="bench-field">
        <label htmlFor={ids.variant}>Variant</label>
        <select
          id={ids.variant}
          data-testid="device-bench-variant"
          value={variantId}
          disabled={running}
          onChange={(e) => {
            setVariantId(e.target.value);
            setShapesText(formatShapes(defaultShapes(e.target.value)));
          }}
        >
          {ready.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </span>
      <span className="bench-field bench-field-wide">
        <label htmlFor={ids.label}>Device label</label>
        <input id={ids.label} data-testid="device-bench-label" value={label} maxLength={200} disabled={running} onChange={(e) => { setLabel(e.target.value); }} />
      </span>
      <span className="bench-field bench-field-wide">
        <label htmlFor={ids.shapes}>Input shapes (one per line, name: dims; needed for symbolic dims, batch defaults to 1)</label>
        <textarea id={ids.shapes} data-testid="device-bench-shapes" rows={2} value={shapesText} disabled={running} onChange={(e) => { setShapesText(e.target.value); }} />
      </span>
      <NumberField label="Warm-up runs" testId="device-bench-warmup" value={warmupRuns} min={0} max={1000} onChange={setWarmupRuns} />
      <NumberField label="Min runs" testId="device-bench-min-runs" value={minRuns} min={3} max={100_000} onChange={setMinRuns} />
      <NumberField label="Max runs" testId="device-bench-max-runs" value={maxRuns} min={3} max={100_000} onChange={setMaxRuns} />
      <NumberField label="Threads (fixed once the runtime has started)" testId="device-bench-threads" value={threads} min={1} max={Math.max(1, navigator.hardwareConcurrency)} onChange={setThreads} />
      <span className="bench-actions">
        <button type="submit" data-testid="device-bench-start" disabled={running || variantId === ''}>
          Benchmark on this device
        </button>
        <button type="button" data-testid="device-bench-cancel" disabled={!running} onClick={cancel}>
          Cancel
        </button>
      </span>
      <progress className="bench-progress" aria-label="Benchmark progress" max={progress?.planned ?? 1} value={progress?.done ?? (state.kind === 'done' ? 1 : 0)} />
      <p role="status" data-testid="device-bench-status" data-state={state.kind}>
        {formError ?? statusText(state)}
      </p>
      <p className="bench-note">
        Runs onnxruntime-web (wasm) in this tab: warm-up discarded, then runs until the median is stable (2 % between windows) or a cap; p50/p90/p99
        nearest-rank. {globalThis.crossOriginIsolated ? 'Cross-origin isolated: threads and 5 µs timers available.' : 'Not cross-origin isolated: one thread, coarse timers.'}{' '}
        Peak memory is not measured: the browser does not expose it.
      </p>
    </form>
  );
}
