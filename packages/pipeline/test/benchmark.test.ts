import { beforeAll, describe, expect, it } from 'vitest';
import { benchmarkResultsSchema, benchmarkSettingsSchema, type BenchmarkResults } from '@whittle/shared';
import { benchmarkModel, deviceLabel, engineVersion, isPipelineError } from '@whittle/pipeline';
import { readPaddleModel } from './helpers/paddle-models.ts';
import { resnetStyleBytes } from './helpers/small-models.ts';

const settings = (extra: Record<string, unknown> = {}) =>
  benchmarkSettingsSchema.parse({ warmupRuns: 2, minRuns: 5, maxRuns: 30, maxSecondsPerSeries: 5, ...extra });

describe('benchmarkModel on a small CNN with a symbolic batch axis', () => {
  const bytes = resnetStyleBytes(8, 'N');
  let results: BenchmarkResults;
  const fractions: number[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    results = await benchmarkModel(bytes, settings({ threads: [1, 2], batchSizes: [1, 2] }), {
      progress: (f) => fractions.push(f),
      log: (line) => logs.push(line),
    });
  }, 60_000);

  it('returns schema-valid results labelled with the runtime and the machine', () => {
    expect(benchmarkResultsSchema.parse(results)).toEqual(results);
    expect(results.runtime).toBe('onnxruntime-node');
    expect(results.runtimeVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(results.executionProvider).toBe('cpu');
    expect(results.cpuModel.length).toBeGreaterThan(0);
    expect(results.logicalCores).toBeGreaterThan(0);
    expect(results.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(results.sessionCreateMs).toBeGreaterThan(0);
    expect(results.notes.join('\n')).toMatch(/Every figure is measured/);
    expect(results.notes.join('\n')).toMatch(/nearest-rank/);
  });

  it('measures one series per thread count × batch size, feeding the batch size on the batch axis', () => {
    expect(results.series.map((s) => [s.threads, s.batchSize])).toEqual([[1, 1], [1, 2], [2, 1], [2, 2]]);
    expect(results.series.map((s) => s.inputs)).toEqual([1, 2, 1, 2].map((n) => ({ input: [n, 3, 16, 16] })));
    expect(logs).toHaveLength(4);
  });

  it('orders the percentiles, bounds the runs and sets the stable flag consistently', () => {
    for (const s of results.series) {
      expect(s.minMs).toBeLessThanOrEqual(s.p50Ms);
      expect(s.p50Ms).toBeLessThanOrEqual(s.p90Ms);
      expect(s.p90Ms).toBeLessThanOrEqual(s.p99Ms);
      expect(s.p99Ms).toBeLessThanOrEqual(s.maxMs);
      expect(s.runs).toBeGreaterThanOrEqual(5);
      expect(s.runs).toBeLessThanOrEqual(30);
      expect(s.warmupRuns).toBe(2);
      // Stability is judged on whole windows of 3 runs; a series stopped short of the cap must have been stable.
      if (s.stable) expect(s.runs % 3).toBe(0);
      if (s.runs < 30) expect(s.stable).toBe(true);
      expect(s.throughputPerSec).toBeCloseTo(s.batchSize / (s.p50Ms / 1000), 6);
    }
  });

  it('reports progress per run, never backwards, ending at 1', () => {
    const runs = results.series.reduce((n, s) => n + s.warmupRuns + s.runs, 0);
    expect(fractions.length).toBeGreaterThanOrEqual(runs);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('benchmarkModel refusals', () => {
  it('refuses PaddleOCR det without input shapes, naming the input and its symbolic dims', async () => {
    const error: unknown = await benchmarkModel(readPaddleModel('ch_PP-OCRv4_det_infer.onnx'), settings()).catch((e: unknown) => e);
    expect(isPipelineError(error) && error.code).toBe('PIPELINE_ERR_INPUT_SHAPE_REQUIRED');
    expect(String(error)).toMatch(/Input 'x' has symbolic dims p2o\.DynamicDimension\.1 \(axis 2\), p2o\.DynamicDimension\.2 \(axis 3\) besides the batch axis/);
  });

  it('refuses a batch size the model fixes otherwise', async () => {
    const error: unknown = await benchmarkModel(resnetStyleBytes(8, 1), settings({ batchSizes: [4] })).catch((e: unknown) => e);
    expect(isPipelineError(error) && error.code).toBe('PIPELINE_ERR_BAD_INPUT');
    expect(String(error)).toMatch(/fixes its batch axis at 1; batch size 4/);
  });

  it('stops between runs with PIPELINE_ERR_CANCELLED when aborted, and measures nothing more', async () => {
    const controller = new AbortController();
    let calls = 0;
    const error: unknown = await benchmarkModel(resnetStyleBytes(8, 'N'), settings({ minRuns: 20, maxRuns: 1000, stabilityTolerance: 0.0001 }), {
      signal: controller.signal,
      progress: () => {
        calls++;
        if (calls === 4) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(isPipelineError(error) && error.code).toBe('PIPELINE_ERR_CANCELLED');
    expect(calls).toBe(4);
  });
});

describe('labels', () => {
  it('names the device and the engine version', () => {
    expect(deviceLabel()).toMatch(/^.+ · .+ · \d+ cores?$/);
    expect(engineVersion()).toMatch(/^@whittle\/engine \d+\.\d+\.\d+/);
  });
});
