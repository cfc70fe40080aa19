import type { BenchmarkDto, VariantDto } from '@whittle/shared';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMs } from './format.ts';
import { nextSort, sortRows } from './sort-rows.ts';
import { speedups } from './speedup.ts';
import { stepChanges } from './step-changes.ts';
import { buildComparison, busiestDevice, deviceKey, variantName } from './variant-rows.ts';

const ID = (n: number): string => `0000000${String(n)}-0000-4000-8000-000000000000`;

function variant(n: number, parent: number | null, macs: number | null, fileBytes: number, recipe: unknown = null): VariantDto {
  return {
    id: ID(n),
    projectId: ID(9),
    modelId: ID(8),
    parentVariantId: parent === null ? null : ID(parent),
    jobId: null,
    step: parent === null ? 0 : 1,
    recipe,
    datasetSha256: null,
    engineVersion: '0.1.0',
    metrics: { params: 1000 * n, macs, weightBytes: fileBytes, fileBytes, estimated: ['params', 'macs'], measured: ['fileBytes'] },
    report: null,
    sha256: null,
    status: 'ready',
    createdAt: n,
  };
}

function bench(variantN: number, device: string, runtime: string, p50: number, createdAt: number): BenchmarkDto {
  const series = { threads: 1, batchSize: 1, inputs: { x: [1, 3, 48, 192] }, warmupRuns: 2, runs: 10, stable: true, p50Ms: p50, p90Ms: p50 * 1.1, p99Ms: p50 * 1.5, minMs: p50, maxMs: p50 * 2, throughputPerSec: 1000 / p50 };
  return {
    id: ID(100 + createdAt),
    variantId: ID(variantN),
    device,
    runtime,
    createdAt,
    results: { runtime, runtimeVersion: '1.30.0', executionProvider: 'cpu', cpuModel: 'x', logicalCores: 2, peakRssBytes: 0, sessionCreateMs: 1, series: [series], notes: [] },
  };
}

const variants = [variant(1, null, 1_000_000, 600_000), variant(2, 1, 250_000, 200_000, { kind: 'prune', plan: { version: 1, ratio: 0.5 } }), variant(3, 1, null, 400_000)];
const benchmarks = [
  bench(1, 'host', 'onnxruntime-node', 4, 1),
  bench(2, 'host', 'onnxruntime-node', 3, 2),
  bench(2, 'host', 'onnxruntime-node', 2, 3), // newer: replaces the one above
  bench(2, 'Chrome', 'onnxruntime-web', 8, 4),
];

describe('buildComparison', () => {
  it('keeps the newest benchmark per variant and device, and names variants by their step', () => {
    const { rows, devices } = buildComparison(variants, benchmarks);
    expect(devices.map((d) => d.key)).toEqual([deviceKey('host', 'onnxruntime-node'), deviceKey('Chrome', 'onnxruntime-web')]);
    expect(rows[1]?.latency['host · onnxruntime-node']?.p50Ms).toBe(2);
    expect(rows[1]?.latency['Chrome · onnxruntime-web']?.p50Ms).toBe(8);
    expect(rows[0]?.latency['Chrome · onnxruntime-web']).toBeUndefined();
    expect(rows.map((r) => r.name)).toEqual(['original · 000000', 'prune 50% · 000000', 'step 1 · 000000']);
    expect(rows[1]?.parentName).toBe('original · 000000');
    expect(rows.every((r) => r.fidelity === null)).toBe(true);
    expect(busiestDevice({ rows, devices })?.key).toBe('host · onnxruntime-node');
    expect(variantName(variant(1, null, null, 1))).toMatch(/^original/);
  });
});

describe('sortRows', () => {
  const { rows } = buildComparison(variants, benchmarks);
  it('sorts by a field in both directions, stable on ties', () => {
    expect(sortRows(rows, { key: 'fileBytes', direction: 'asc' }).map((r) => r.fileBytes)).toEqual([200_000, 400_000, 600_000]);
    expect(sortRows(rows, { key: 'fileBytes', direction: 'desc' }).map((r) => r.fileBytes)).toEqual([600_000, 400_000, 200_000]);
    expect(sortRows(rows, { key: 'step', direction: 'asc' }).map((r) => r.id)).toEqual([ID(1), ID(2), ID(3)]);
  });
  it('puts rows without a value last in both directions', () => {
    const key = 'p50:host · onnxruntime-node' as const;
    expect(sortRows(rows, { key, direction: 'asc' }).map((r) => r.id)).toEqual([ID(2), ID(1), ID(3)]);
    expect(sortRows(rows, { key, direction: 'desc' }).map((r) => r.id)).toEqual([ID(1), ID(2), ID(3)]);
    expect(sortRows(rows, { key: 'macs', direction: 'desc' }).at(-1)?.id).toBe(ID(3));
  });
  it('flips the direction on the same column and starts ascending on a new one', () => {
    expect(nextSort({ key: 'params', direction: 'asc' }, 'params')).toEqual({ key: 'params', direction: 'desc' });
    expect(nextSort({ key: 'params', direction: 'desc' }, 'macs')).toEqual({ key: 'macs', direction: 'asc' });
  });
});

describe('speedups', () => {
  it('predicts from the MACs ratio and measures from the p50 ratio to the original on one device', () => {
    const { rows } = buildComparison(variants, benchmarks);
    expect(speedups(rows, 'host · onnxruntime-node')).toEqual([
      { id: ID(2), name: 'prune 50% · 000000', predicted: 4, measured: 2 },
      { id: ID(3), name: 'step 1 · 000000', predicted: null, measured: null },
    ]);
    // The original was not measured in the browser: no measured ratio there.
    expect(speedups(rows, 'Chrome · onnxruntime-web')[0]?.measured).toBeNull();
    expect(speedups(rows, undefined)[0]).toMatchObject({ predicted: 4, measured: null });
  });
});

describe('stepChanges', () => {
  it('lists changed groups (most removed first), dropped blocks and touched nodes from a prune report', () => {
    const report = { groups: [{ id: 'g1', channelsBefore: 16, channelsAfter: 8 }, { id: 'g2', channelsBefore: 32, channelsAfter: 8 }, { id: 'g3', channelsBefore: 4, channelsAfter: 4 }], nodesTouched: ['conv1', 'bn1'], blocksDropped: [], channelsRemoved: 32, extra: true };
    expect(stepChanges(report)).toEqual({ groups: [{ id: 'g2', before: 32, after: 8 }, { id: 'g1', before: 16, after: 8 }], blocksDropped: [], nodesTouched: ['conv1', 'bn1'], channelsRemoved: 32 });
    expect(stepChanges(null)).toBeUndefined();
  });
});

describe('formats', () => {
  it('labels counts, sizes and latencies', () => {
    expect(formatCount(1_234_567)).toBe('1.23 M');
    expect(formatCount(null)).toBe('—');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatMs(0.12345)).toBe('0.123 ms');
    expect(formatMs(undefined)).toBe('—');
  });
});
