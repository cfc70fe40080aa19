/**
 * One measurement series on one session (perf_analyzer / MLPerf LoadGen habits): warm-up runs discarded, then runs in
 * windows until the median is stable or a cap is reached. Each run's wall time is `process.hrtime.bigint()` around
 * `session.run` — inputs are built before, outputs are not inspected, nothing else is timed.
 */
import type * as ort from 'onnxruntime-node';
import { windowsAgree, windowSize } from '@whittle/engine';
import type { BenchmarkSettings } from '@whittle/shared';
import { checkpoint, type StepContext } from '../step-context.ts';
import { runtimeError } from './runtime-error.ts';

/** The settings a series reads. */
export type SeriesSettings = Pick<BenchmarkSettings, 'warmupRuns' | 'minRuns' | 'maxRuns' | 'maxSecondsPerSeries' | 'stabilityTolerance'>;

/** Measured latencies in milliseconds, in run order, and whether a stable median (not a cap) ended the series. */
export interface SeriesSamples {
  readonly latenciesMs: readonly number[];
  readonly stable: boolean;
}

async function timedRun(session: ort.InferenceSession, feeds: ort.InferenceSession.FeedsType): Promise<number> {
  const start = process.hrtime.bigint();
  try {
    await session.run(feeds);
  } catch (error) {
    throw runtimeError('run', error);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Measures `session` on `feeds`. `onRun(done, planned)` is called after every run, warm-up included (`planned` is the
 * most runs the series can take). The signal is checked between runs (after yielding to the event loop, so a cancel
 * message can land even when the runtime returns synchronously).
 * @throws PipelineError `PIPELINE_ERR_CANCELLED`; EngineError `ENGINE_ERR_RUNTIME` when a run fails.
 */
export async function measureSeries(
  session: ort.InferenceSession,
  feeds: ort.InferenceSession.FeedsType,
  settings: SeriesSettings,
  ctx: StepContext,
  onRun: (done: number, planned: number) => void,
): Promise<SeriesSamples> {
  const planned = settings.warmupRuns + settings.maxRuns;
  for (let i = 0; i < settings.warmupRuns; i++) {
    await checkpoint(ctx, 'The benchmark');
    await timedRun(session, feeds);
    onRun(i + 1, planned);
  }
  const window = windowSize(settings.minRuns);
  const deadline = process.hrtime.bigint() + BigInt(Math.round(settings.maxSecondsPerSeries * 1e9));
  const latenciesMs: number[] = [];
  while (latenciesMs.length < settings.maxRuns) {
    await checkpoint(ctx, 'The benchmark');
    latenciesMs.push(await timedRun(session, feeds));
    onRun(settings.warmupRuns + latenciesMs.length, planned);
    if (latenciesMs.length < settings.minRuns) continue;
    if (windowsAgree(latenciesMs, window, settings.stabilityTolerance)) return { latenciesMs, stable: true };
    if (process.hrtime.bigint() >= deadline) break;
  }
  return { latenciesMs, stable: false };
}
