/**
 * Latency statistics of one in-browser series, the same rules as the server's benchmark (packages/pipeline): nearest-rank
 * percentiles, so every reported figure is a latency that was actually measured, and a median that counts as stable
 * when two consecutive windows agree. Duplicated rather than imported because the pipeline package pulls in
 * onnxruntime-node, which a browser bundle cannot load.
 */

/** The nearest-rank `p`-th percentile (0 ≤ p ≤ 100) of `sorted` (ascending, non-empty): the ⌈p/100 · n⌉-th smallest. */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  const value = sorted[rank - 1];
  if (value === undefined) throw new RangeError('nearestRank needs at least one sample');
  return value;
}

/** The nearest-rank median of `samples` (any order, non-empty). */
export function median(samples: readonly number[]): number {
  return nearestRank([...samples].sort((a, b) => a - b), 50);
}

/** p50/p90/p99, min and max of a series, milliseconds. */
export interface LatencySummary {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

/** Summarizes `samples` (milliseconds, non-empty). */
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

/** Runs per stability window: half of `minRuns` (at least 3), so the first comparison happens once `minRuns` are in. */
export function windowSize(minRuns: number): number {
  return Math.max(3, Math.ceil(minRuns / 2));
}

/** Whether the last two complete windows of `samples` have medians within `tolerance` (a fraction) of each other. */
export function windowsAgree(samples: readonly number[], window: number, tolerance: number): boolean {
  if (samples.length < 2 * window || samples.length % window !== 0) return false;
  const previous = median(samples.slice(-2 * window, -window));
  const last = median(samples.slice(-window));
  if (previous === 0) return last === 0;
  return Math.abs(last - previous) / previous <= tolerance;
}
