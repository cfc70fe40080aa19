/**
 * One measurement series in the page: warm-up runs discarded, then runs until the median is stable (two consecutive
 * windows agree) or a cap (runs or seconds) stops it. The runner and the clock are passed in, so the loop is tested
 * without a browser and the page times with `performance.now()` (5 µs resolution when cross-origin isolated,
 * 100 µs otherwise).
 */
import { windowSize, windowsAgree } from '@whittle/engine';

/** The knobs of a series (the server's benchmark settings of the same names). */
export interface SeriesSettings {
  readonly warmupRuns: number;
  readonly minRuns: number;
  readonly maxRuns: number;
  readonly maxSecondsPerSeries: number;
  readonly stabilityTolerance: number;
}

/** Measured latencies in run order, and whether a stable median (not a cap) ended the series. */
export interface SeriesSamples {
  readonly latenciesMs: readonly number[];
  readonly stable: boolean;
}

/** What the loop needs from its surroundings. */
export interface SeriesEnv {
  /** One inference; only its duration is measured. */
  readonly run: () => Promise<unknown>;
  /** Milliseconds on a monotonic clock. */
  readonly now: () => number;
  /** Checked between runs; an aborted signal throws its reason. */
  readonly signal?: AbortSignal;
  /** After every run, warm-up included: runs done and the most the series can take. */
  readonly onRun?: (done: number, planned: number) => void;
}

async function timed(env: SeriesEnv): Promise<number> {
  const start = env.now();
  await env.run();
  return env.now() - start;
}

/** Runs the series. @throws the signal's reason when cancelled */
export async function measureSeries(settings: SeriesSettings, env: SeriesEnv): Promise<SeriesSamples> {
  const planned = settings.warmupRuns + settings.maxRuns;
  for (let i = 0; i < settings.warmupRuns; i++) {
    env.signal?.throwIfAborted();
    await timed(env);
    env.onRun?.(i + 1, planned);
  }
  const window = windowSize(settings.minRuns);
  const deadline = env.now() + settings.maxSecondsPerSeries * 1000;
  const latenciesMs: number[] = [];
  while (latenciesMs.length < settings.maxRuns) {
    env.signal?.throwIfAborted();
    latenciesMs.push(await timed(env));
    env.onRun?.(settings.warmupRuns + latenciesMs.length, planned);
    if (latenciesMs.length < settings.minRuns) continue;
    if (windowsAgree(latenciesMs, window, settings.stabilityTolerance)) return { latenciesMs, stable: true };
    if (env.now() >= deadline) break;
  }
  return { latenciesMs, stable: false };
}
