/**
 * Benchmark settings and results (DESIGN.md §5; perf_analyzer / MLPerf LoadGen habits): warm-up runs discarded, fixed
 * seeds, runs until the median is stable or a cap, p50/p90/p99, throughput, peak memory, thread count, runtime version
 * and CPU model. Never a single mean.
 */
import { z } from 'zod';
import { epochMsSchema, idSchema } from './ids.ts';

const dimsSchema = z.array(z.number().int().positive().max(1_000_000)).max(8).readonly();

/**
 * Concrete input shapes by input name. Needed when an input has symbolic dims other than the batch axis (PaddleOCR det
 * has symbolic H and W): the benchmark never guesses a spatial size. The batch axis is set by `batchSizes`.
 * @public
 */
export const inputShapesSchema = z.record(z.string().min(1).max(256), dimsSchema).readonly();

/** @public */
export type InputShapes = z.infer<typeof inputShapesSchema>;

/** What to measure. Every field has a sensible default. Extend it, then apply {@link checkRunBounds}. @public */
export const benchmarkSettingsObject = z.strictObject({
  /** Intra-op thread counts to sweep (one measurement series each). */
  threads: z.array(z.number().int().min(1).max(64)).min(1).max(8).readonly().default([1]),
  /** Batch sizes to sweep (replace the first dim of every input). */
  batchSizes: z.array(z.number().int().min(1).max(256)).min(1).max(8).readonly().default([1]),
  /** Runs discarded before measuring. */
  warmupRuns: z.number().int().min(0).max(1000).default(5),
  /** Measure at least this many runs per series. */
  minRuns: z.number().int().min(3).max(100_000).default(20),
  /** Stop a series after this many runs even when the median is not stable yet. */
  maxRuns: z.number().int().min(3).max(100_000).default(500),
  /** Stop a series after this many seconds (after at least `minRuns`). */
  maxSecondsPerSeries: z.number().positive().max(3600).default(20),
  /** The median counts as stable when two consecutive windows' medians differ by at most this fraction. */
  stabilityTolerance: z.number().positive().max(0.5).default(0.02),
  /** Seed of the random inputs. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
  inputShapes: inputShapesSchema.exactOptional(),
});

/** The cross-field rule of benchmark settings, for every schema built from {@link benchmarkSettingsObject}. @public */
export function checkRunBounds<S extends z.ZodType<{ minRuns: number; maxRuns: number }>>(schema: S): S {
  return schema.refine((s) => s.minRuns <= s.maxRuns, { error: 'minRuns must not exceed maxRuns', path: ['minRuns'] });
}

/** Benchmark settings. @public */
export const benchmarkSettingsSchema = checkRunBounds(benchmarkSettingsObject);

/** @public */
export type BenchmarkSettings = z.output<typeof benchmarkSettingsSchema>;

/** One measured series: one thread count and one batch size. Latencies in milliseconds per run. @public */
export const benchmarkSeriesSchema = z
  .object({
    threads: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    /** Input name → dims fed. */
    inputs: z.record(z.string(), z.array(z.number().int().nonnegative()).readonly()).readonly(),
    warmupRuns: z.number().int().nonnegative(),
    runs: z.number().int().positive(),
    /** Whether the run stopped because the median was stable (false: a cap stopped it). */
    stable: z.boolean(),
    p50Ms: z.number().nonnegative(),
    p90Ms: z.number().nonnegative(),
    p99Ms: z.number().nonnegative(),
    minMs: z.number().nonnegative(),
    maxMs: z.number().nonnegative(),
    /** Samples (batch items) per second at the median latency. */
    throughputPerSec: z.number().nonnegative(),
  })
  .readonly();

/** @public */
export type BenchmarkSeries = z.infer<typeof benchmarkSeriesSchema>;

/** A whole benchmark of one model on one device. @public */
export const benchmarkResultsSchema = z
  .object({
    runtime: z.string(),
    runtimeVersion: z.string(),
    executionProvider: z.string(),
    cpuModel: z.string(),
    logicalCores: z.number().int().nonnegative(),
    /** Peak resident memory of the measuring process, bytes (measured). */
    peakRssBytes: z.number().int().nonnegative(),
    /** Model load (session creation) time, milliseconds (measured, first thread count). */
    sessionCreateMs: z.number().nonnegative(),
    series: z.array(benchmarkSeriesSchema).min(1).readonly(),
    notes: z.array(z.string()).readonly(),
  })
  .readonly();

/** @public */
export type BenchmarkResults = z.infer<typeof benchmarkResultsSchema>;

/** A stored benchmark (API DTO). `device` labels the machine (worker host + CPU model, or the browser's label). @public */
export const benchmarkDtoSchema = z
  .object({
    id: idSchema,
    variantId: idSchema,
    device: z.string(),
    runtime: z.string(),
    results: benchmarkResultsSchema,
    createdAt: epochMsSchema,
  })
  .readonly();

/** @public */
export type BenchmarkDto = z.infer<typeof benchmarkDtoSchema>;
