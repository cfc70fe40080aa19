import type { JSX } from 'react';
import { TextField } from './field.tsx';
import type { BenchmarkDraft } from './step-kinds.ts';
import type { StepFormProps } from './step-form-props.ts';

/** The benchmark step: thread counts, batch sizes, run bounds, input shapes. @public */
export function BenchmarkStepForm({ draft, onChange, idPrefix }: StepFormProps<BenchmarkDraft>): JSX.Element {
  return (
    <div className="form-grid">
      <TextField id={`${idPrefix}-threads`} label="Threads" value={draft.threads} onChange={(threads) => { onChange({ ...draft, threads }); }} hint="one series per count, e.g. 1, 4" />
      <TextField id={`${idPrefix}-batches`} label="Batch sizes" value={draft.batchSizes} onChange={(batchSizes) => { onChange({ ...draft, batchSizes }); }} hint="e.g. 1, 8" />
      <TextField id={`${idPrefix}-warmup`} label="Warm-up runs" inputMode="numeric" value={draft.warmupRuns} onChange={(warmupRuns) => { onChange({ ...draft, warmupRuns }); }} />
      <TextField id={`${idPrefix}-min`} label="Min runs" inputMode="numeric" value={draft.minRuns} onChange={(minRuns) => { onChange({ ...draft, minRuns }); }} />
      <TextField id={`${idPrefix}-max`} label="Max runs" inputMode="numeric" value={draft.maxRuns} onChange={(maxRuns) => { onChange({ ...draft, maxRuns }); }} />
      <TextField id={`${idPrefix}-seconds`} label="Max seconds per series" inputMode="decimal" value={draft.maxSecondsPerSeries} onChange={(maxSecondsPerSeries) => { onChange({ ...draft, maxSecondsPerSeries }); }} />
      <TextField id={`${idPrefix}-shapes`} label="Input shapes" value={draft.inputShapes} onChange={(inputShapes) => { onChange({ ...draft, inputShapes }); }} placeholder="x=1,3,48,192" hint="batch axis comes from the batch sizes" />
    </div>
  );
}
