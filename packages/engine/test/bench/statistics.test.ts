import { describe, expect, it } from 'vitest';
import { median, nearestRank, summarize, windowsAgree, windowSize } from '../../src/bench/statistics.ts';

describe('nearest-rank percentiles', () => {
  it('picks the ⌈p/100·n⌉-th smallest sample (hand values)', () => {
    const sorted = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(nearestRank(sorted, 50)).toBe(5);
    expect(nearestRank(sorted, 90)).toBe(9);
    expect(nearestRank(sorted, 99)).toBe(10);
    expect(nearestRank(sorted, 0)).toBe(1);
    expect(nearestRank([7], 99)).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it('summarizes unsorted samples', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ p50Ms: 3, p90Ms: 5, p99Ms: 5, minMs: 1, maxMs: 5 });
  });
});

describe('stability windows', () => {
  it('uses half of minRuns per window, at least 3', () => {
    expect(windowSize(20)).toBe(10);
    expect(windowSize(5)).toBe(3);
    expect(windowSize(3)).toBe(3);
  });

  it('compares the medians of the last two whole windows', () => {
    expect(windowsAgree([10, 10, 10, 10.1, 10.1, 10.1], 3, 0.02)).toBe(true);
    expect(windowsAgree([10, 10, 10, 11, 11, 11], 3, 0.02)).toBe(false);
    expect(windowsAgree([10, 10, 10, 10, 10], 3, 0.02)).toBe(false);
    expect(windowsAgree([50, 10, 10, 10, 10, 10, 10], 3, 0.02)).toBe(false);
    expect(windowsAgree([50, 50, 50, 10, 10, 10, 10, 10, 10], 3, 0.02)).toBe(true);
  });
});
