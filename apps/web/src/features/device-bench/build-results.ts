/**
 * Turns one in-browser series into the shared `BenchmarkResults` the server stores for its own runs, so browser
 * figures sit in the same tables and charts. Fields the browser cannot measure are stated, not faked: the CPU model is
 * "unknown (browser)" and peak RSS is 0 with a note.
 */
import { benchmarkResultsSchema, type BenchmarkResults } from '@whittle/shared';
import type { SeriesSamples } from './measure-series.ts';
import type { ShapeMap } from './input-shapes.ts';
import { summarize } from '@whittle/engine';

/** What the run knows besides its samples. */
export interface BrowserRunFacts {
  readonly runtimeVersion: string;
  readonly executionProvider: 'wasm' | 'webgpu';
  readonly logicalCores: number;
  readonly threads: number;
  readonly sessionCreateMs: number;
  readonly warmupRuns: number;
  readonly inputs: ShapeMap;
  readonly crossOriginIsolated: boolean;
}

/** The runtime name browser results are stored under. */
export const BROWSER_RUNTIME = 'onnxruntime-web';

/** Builds (and validates) the results of one series. */
export function buildBrowserResults(samples: SeriesSamples, facts: BrowserRunFacts): BenchmarkResults {
  const summary = summarize(samples.latenciesMs);
  const batchSize = Object.values(facts.inputs)[0]?.[0] ?? 1;
  const notes = [
    'Measured in the browser with onnxruntime-web; peak memory is reported as 0 because the browser does not expose the process RSS.',
    'The CPU model is unknown: browsers do not reveal it.',
  ];
  if (!facts.crossOriginIsolated) notes.push('The page was not cross-origin isolated: one thread and coarse (100 µs) timers.');
  return benchmarkResultsSchema.parse({
    runtime: BROWSER_RUNTIME,
    runtimeVersion: facts.runtimeVersion,
    executionProvider: facts.executionProvider,
    cpuModel: 'unknown (browser)',
    logicalCores: facts.logicalCores,
    peakRssBytes: 0,
    sessionCreateMs: facts.sessionCreateMs,
    series: [
      {
        threads: facts.threads,
        batchSize,
        inputs: facts.inputs,
        warmupRuns: facts.warmupRuns,
        runs: samples.latenciesMs.length,
        stable: samples.stable,
        ...summary,
        throughputPerSec: summary.p50Ms > 0 ? (batchSize * 1000) / summary.p50Ms : 0,
      },
    ],
    notes,
  });
}
