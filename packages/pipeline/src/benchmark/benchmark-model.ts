/**
 * The benchmark step (DESIGN.md §5): onnxruntime-node on this machine, one series per thread count × batch size,
 * every figure measured. Never a single mean: p50/p90/p99 (nearest rank), min, max and throughput per series.
 */
import { cpus } from 'node:os';
import * as ort from 'onnxruntime-node';
import { externalFilesOf, readModel, summarize, windowSize } from '@whittle/engine';
import { benchmarkResultsSchema, type BenchmarkResults, type BenchmarkSeries, type BenchmarkSettings } from '@whittle/shared';
import { cpuModel } from '../device.ts';
import { PipelineError, PipelineErrorCode } from '../errors.ts';
import { checkInputShapes } from '../input-shapes.ts';
import { checkpoint, stepContext, throwIfCancelled, type StepContext } from '../step-context.ts';
import { onnxruntimeVersion } from '../versions.ts';
import { benchFeeds, planBenchInputs, type BenchInput } from './bench-inputs.ts';
import { bundledExecutionProviders, measuringExecutionProvider, type BenchExecutionProvider } from './execution-providers.ts';
import { measureSeries } from './measure-series.ts';
import { runtimeError } from './runtime-error.ts';

interface SeriesPlan {
  readonly threads: number;
  readonly batchSize: number;
  readonly inputs: readonly BenchInput[];
}

function sessionOptions(threads: number, provider: BenchExecutionProvider): ort.InferenceSession.SessionOptions {
  // One intra-op pool of `threads`, no inter-op parallelism: the thread count is the variable being measured.
  return { executionProviders: [provider], intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' };
}

async function createSession(bytes: Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<{ session: ort.InferenceSession; ms: number }> {
  const start = process.hrtime.bigint();
  try {
    const session = await ort.InferenceSession.create(bytes, options);
    return { session, ms: Number(process.hrtime.bigint() - start) / 1e6 };
  } catch (error) {
    throw runtimeError('session creation', error);
  }
}

/** Milliseconds to 0.1 µs: finer than any run varies, coarse enough to read. */
function roundMs(ms: number): number {
  return Math.round(ms * 1e4) / 1e4;
}

function shown(inputs: readonly BenchInput[]): string {
  return inputs.map((i) => `${i.name}=[${i.dims.join(',')}]`).join(', ');
}

function notesFor(settings: BenchmarkSettings, series: readonly BenchmarkSeries[], provider: string): string[] {
  const notes = [
    `Every figure is measured: the wall time of each onnxruntime run (process.hrtime.bigint), after ${String(settings.warmupRuns)} discarded warm-up runs per series.`,
    `Percentiles are nearest-rank (the ⌈p/100·n⌉-th smallest run); throughput is batch size / p50. Runs went in windows of ${String(windowSize(settings.minRuns))} until two consecutive window medians were within ${String(settings.stabilityTolerance * 100)}% (at least ${String(settings.minRuns)}, at most ${String(settings.maxRuns)} runs or ${String(settings.maxSecondsPerSeries)} s).`,
    `Inputs are seeded (seed ${String(settings.seed)}): uniform values in [-1, 1) for float inputs, zeros for integer inputs.`,
    `One session per series on the ${provider} execution provider: intra-op threads as listed, one inter-op thread, sequential execution. Peak RSS is the measuring process's.`,
  ];
  const unstable = series.filter((s) => !s.stable).map((s) => `threads ${String(s.threads)} batch ${String(s.batchSize)}`);
  if (unstable.length > 0) notes.push(`Not stable before a cap (figures are noisier): ${unstable.join('; ')}.`);
  const others = bundledExecutionProviders().filter((p) => p !== provider);
  if (others.length > 0) notes.push(`This onnxruntime build also bundles: ${others.join(', ')} (not measured here).`);
  return notes;
}

/**
 * Measures the model in `bytes` with onnxruntime-node on this machine: for each thread count × batch size, a fresh
 * session, `warmupRuns` discarded, then runs until the median is stable or `maxRuns` / `maxSecondsPerSeries`. Inputs:
 * the batch axis takes the batch size, other symbolic dims come from `settings.inputShapes` (never guessed).
 * Progress is reported per run; the signal is checked between runs; sessions are released whatever happens.
 * @throws EngineError (invalid model, `ENGINE_ERR_RUNTIME`); PipelineError `PIPELINE_ERR_INPUT_SHAPE_REQUIRED`,
 * `PIPELINE_ERR_BAD_INPUT`, `PIPELINE_ERR_CANCELLED`.
 * @public
 */
export async function benchmarkModel(bytes: Uint8Array, settings: BenchmarkSettings, context: StepContext = {}): Promise<BenchmarkResults> {
  const ctx = stepContext(context);
  throwIfCancelled(ctx, 'The benchmark');
  const model = readModel(bytes);
  if (externalFilesOf(model).length > 0) {
    throw new PipelineError(PipelineErrorCode.BadInput, 'The model keeps weights in external data; the benchmark takes single-file models.');
  }
  const inputShapes = settings.inputShapes ?? {};
  checkInputShapes(model, inputShapes);
  const inputsByBatch = planBenchInputs(model, settings.batchSizes, inputShapes);
  const plans: SeriesPlan[] = settings.threads.flatMap((threads) =>
    settings.batchSizes.map((batchSize) => ({ threads, batchSize, inputs: inputsByBatch.get(batchSize) ?? [] })),
  );
  const provider = measuringExecutionProvider();
  const series: BenchmarkSeries[] = [];
  let sessionCreateMs: number | undefined;

  for (const [index, plan] of plans.entries()) {
    await checkpoint(ctx, 'The benchmark');
    const label = `threads ${String(plan.threads)}, batch ${String(plan.batchSize)}`;
    const created = await createSession(bytes, sessionOptions(plan.threads, provider));
    sessionCreateMs ??= created.ms;
    try {
      const feeds = benchFeeds(plan.inputs, settings.seed);
      const samples = await measureSeries(created.session, feeds, settings, ctx, (done, planned) => {
        ctx.progress?.((index + done / planned) / plans.length, `${label}: run ${String(done)}`);
      });
      const stats = summarize(samples.latenciesMs);
      const p50Ms = roundMs(stats.p50Ms);
      const entry: BenchmarkSeries = {
        threads: plan.threads,
        batchSize: plan.batchSize,
        inputs: Object.fromEntries(plan.inputs.map((i) => [i.name, i.dims])),
        warmupRuns: settings.warmupRuns,
        runs: samples.latenciesMs.length,
        stable: samples.stable,
        p50Ms,
        p90Ms: roundMs(stats.p90Ms),
        p99Ms: roundMs(stats.p99Ms),
        minMs: roundMs(stats.minMs),
        maxMs: roundMs(stats.maxMs),
        // From the reported p50, so the published figures agree with each other.
        throughputPerSec: p50Ms > 0 ? plan.batchSize / (p50Ms / 1000) : 0,
      };
      series.push(entry);
      ctx.log?.(
        `${label} (${shown(plan.inputs)}): p50 ${String(entry.p50Ms)} ms, p90 ${String(entry.p90Ms)} ms, p99 ${String(entry.p99Ms)} ms, ` +
          `${String(entry.runs)} runs${entry.stable ? ', stable' : ', stopped by a cap'}`,
      );
    } finally {
      await created.session.release();
    }
    ctx.progress?.((index + 1) / plans.length, `${label}: done`);
  }

  return benchmarkResultsSchema.parse({
    runtime: 'onnxruntime-node',
    runtimeVersion: onnxruntimeVersion(),
    executionProvider: provider,
    cpuModel: cpuModel(),
    logicalCores: cpus().length,
    // maxRSS is in KiB on every platform Node supports.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    sessionCreateMs: roundMs(sessionCreateMs ?? 0),
    series,
    notes: notesFor(settings, series, provider),
  } satisfies BenchmarkResults);
}
