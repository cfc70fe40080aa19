/**
 * Benchmark statistics shared by every place Whittle measures latency (the worker's onnxruntime-node benchmark, the
 * browser's onnxruntime-web one). Percentiles use the nearest-rank method: the p-th percentile of n sorted samples is
 * the ⌈p/100 · n⌉-th smallest (1-based), so every reported figure is a latency that was actually measured, never an
 * interpolation between two runs (as perf_analyzer reports them). A series stops once its median is stable: two
 * consecutive windows agree within a tolerance.
 */

/** The nearest-rank `p`-th percentile (0 ≤ p ≤ 100; 0 gives the minimum) of `sorted` (ascending, non-empty). @public */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  const value = sorted[rank - 1];
  if (value === undefined) throw new RangeError('nearestRank needs at least one sample');
  return value;
}

/** The nearest-rank median of `samples` (any order, non-empty). @public */
export function median(samples: readonly number[]): number {
  return nearestRank([...samples].sort((a, b) => a - b), 50);
}

/** p50/p90/p99, min and max of a series, milliseconds. @public */
export interface LatencySummary {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** p50/p90/p99 (nearest rank), min and max of `samples` (milliseconds, non-empty). @public */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50Ms: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    p99Ms: nearestRank(sorted, 99),
    minMs: nearestRank(sorted, 0),
    maxMs: nearestRank(sorted, 100),
  };
}

/**
 * Runs per stability window: half of `minRuns` (at least 3), so the first comparison of two consecutive windows happens
 * as soon as `minRuns` runs are in.
 * @public
 */
export function windowSize(minRuns: number): number {
  return Math.max(3, Math.ceil(minRuns / 2));
}

/** Whether the last two complete windows of `samples` have medians within `tolerance` (a fraction) of each other. @public */
export function windowsAgree(samples: readonly number[], window: number, tolerance: number): boolean {
  if (samples.length < 2 * window || samples.length % window !== 0) return false;
  const previous = median(samples.slice(-2 * window, -window));
  const last = median(samples.slice(-window));
  if (previous === 0) return last === 0;
  return Math.abs(last - previous) / previous <= tolerance;
}
