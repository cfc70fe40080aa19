import { describe, expect, it } from 'vitest';
import { buildBrowserResults } from './build-results.ts';
import { defaultDeviceLabel } from './device-label.ts';
import { formatShapes, parseShapes, resolveShapes, shapesFromBenchmarks } from './input-shapes.ts';
import { measureSeries } from './measure-series.ts';
import { seededData } from './seeded-data.ts';
import { median, nearestRank, summarize, windowsAgree, windowSize } from '@whittle/engine';

describe('nearest-rank statistics', () => {
  it('reports measured values, never interpolations', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRank(samples, 50)).toBe(50);
    expect(nearestRank(samples, 99)).toBe(99);
    expect(nearestRank(samples, 0)).toBe(1);
    expect(nearestRank([7], 99)).toBe(7);
    expect(median([3, 1, 2, 10])).toBe(2);
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ p50Ms: 3, p90Ms: 5, p99Ms: 5, minMs: 1, maxMs: 5 });
    expect(() => nearestRank([], 50)).toThrow(RangeError);
  });

  it('calls the median stable when two consecutive whole windows agree within the tolerance', () => {
    expect(windowSize(20)).toBe(10);
    expect(windowSize(3)).toBe(3);
    expect(windowsAgree([1, 1, 1, 1.01, 1.01, 1.01], 3, 0.02)).toBe(true);
    expect(windowsAgree([1, 1, 1, 1.5, 1.5, 1.5], 3, 0.02)).toBe(false);
    expect(windowsAgree([1, 1, 1, 1, 1], 3, 0.02)).toBe(false);
  });
});

describe('measureSeries', () => {
  /** A fake clock: each run takes the next duration from the list. */
  function env(durations: readonly number[]) {
    let clock = 0;
    let i = 0;
    const seen: number[] = [];
    return {
      seen,
      env: {
        now: () => clock,
        run: () => {
          clock += durations[i % durations.length] ?? 1;
          i++;
          return Promise.resolve();
        },
        onRun: (done: number) => {
          seen.push(done);
        },
      },
    };
  }
  const settings = { warmupRuns: 2, minRuns: 6, maxRuns: 40, maxSecondsPerSeries: 100, stabilityTolerance: 0.02 };

  it('discards warm-up runs and stops as soon as the median is stable', async () => {
    const fake = env([100, 100, 5, 5, 5, 5, 5, 5, 5, 5]);
    const result = await measureSeries(settings, fake.env);
    expect(result).toEqual({ latenciesMs: [5, 5, 5, 5, 5, 5], stable: true });
    expect(fake.seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('stops at maxRuns when the median keeps moving', async () => {
    const result = await measureSeries({ ...settings, warmupRuns: 0 }, env([1, 2, 4, 8, 16, 32, 64]).env);
    expect(result.stable).toBe(false);
    expect(result.latenciesMs).toHaveLength(40);
  });

  it('stops at the time cap after minRuns', async () => {
    const result = await measureSeries({ ...settings, warmupRuns: 0, maxSecondsPerSeries: 0.02 }, env([1, 2, 4, 8, 16, 32, 64]).env);
    expect(result.stable).toBe(false);
    expect(result.latenciesMs).toHaveLength(6);
    expect(result.latenciesMs.length).toBeGreaterThanOrEqual(6);
  });

  it('throws the abort reason between runs', async () => {
    const controller = new AbortController();
    const fake = env([1]);
    const run = measureSeries(settings, { ...fake.env, signal: controller.signal, onRun: (done) => {
        if (done === 3) controller.abort(new Error('cancelled'));
      },
    });
    await expect(run).rejects.toThrow('cancelled');
  });
});

describe('input shapes', () => {
  it('parses and formats "name: dims" lines', () => {
    expect(parseShapes('x: 1,3,48,192\n\n y : 2 x 4')).toEqual({ x: [1, 3, 48, 192], y: [2, 4] });
    expect(formatShapes({ x: [1, 3, 48, 192] })).toBe('x: 1,3,48,192');
    expect(() => parseShapes('x: 1,0')).toThrow(/Line 1/);
    expect(() => parseShapes('1,3')).toThrow(/Line 1/);
  });

  it('fills fixed dims and a symbolic batch, and asks for other symbolic dims', () => {
    const declared = [{ name: 'x', shape: ['N', 3, 'H', 'W'] }];
    expect(resolveShapes([{ name: 'x', shape: ['N', 3, 48, 192] }], {})).toEqual({ ok: true, shapes: { x: [1, 3, 48, 192] } });
    expect(resolveShapes([{ name: 'x', shape: [-1, 3, 48, 192] }], {})).toEqual({ ok: true, shapes: { x: [1, 3, 48, 192] } });
    const missing = resolveShapes(declared, {});
    expect(missing.ok).toBe(false);
    expect(resolveShapes(declared, { x: [2, 3, 32, 64] })).toEqual({ ok: true, shapes: { x: [2, 3, 32, 64] } });
    expect(resolveShapes(declared, { x: [1, 4, 32, 64] }).ok).toBe(false);
  });

  it('defaults to what the newest benchmark fed', () => {
    const b = (createdAt: number, dims: number[]) => ({ createdAt, results: { series: [{ inputs: { x: dims } }] } }) as unknown as Parameters<typeof shapesFromBenchmarks>[0][number];
    expect(shapesFromBenchmarks([b(1, [1, 3, 48, 192]), b(2, [8, 3, 48, 192])])).toEqual({ x: [8, 3, 48, 192] });
    expect(shapesFromBenchmarks([])).toEqual({});
  });
});

describe('seeded inputs, device label and results', () => {
  it('draws the same values for the same seed', () => {
    expect(seededData('float32', 4, 7)).toEqual(seededData('float32', 4, 7));
    expect(seededData('float32', 4, 7)).not.toEqual(seededData('float32', 4, 8));
    expect([...seededData('int64', 16, 1)].every((v) => v === 0n || v === 1n)).toBe(true);
  });

  it('labels the device from the user agent and core count', () => {
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36';
    expect(defaultDeviceLabel(ua, 8)).toBe('Chrome 156 headless · Linux · 8 cores (browser)');
  });

  it('builds valid shared results with the browser caveats stated', () => {
    const results = buildBrowserResults(
      { latenciesMs: [2, 1, 3, 4], stable: true },
      { runtimeVersion: '1.30.0', executionProvider: 'wasm', logicalCores: 4, threads: 1, sessionCreateMs: 12, warmupRuns: 2, inputs: { x: [2, 3, 48, 192] }, crossOriginIsolated: true },
    );
    expect(results).toMatchObject({ runtime: 'onnxruntime-web', executionProvider: 'wasm', cpuModel: 'unknown (browser)', peakRssBytes: 0, logicalCores: 4 });
    expect(results.series[0]).toMatchObject({ batchSize: 2, runs: 4, p50Ms: 2, p99Ms: 4, throughputPerSec: 1000 });
    expect(results.notes.join(' ')).toMatch(/does not expose/);
  });
});
