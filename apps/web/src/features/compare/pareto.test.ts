import { describe, expect, it } from 'vitest';
import { dominates, paretoFront } from './pareto.ts';

const p = (id: string, x: number, y: number): { id: string; x: number; y: number } => ({ id, x, y });

describe('paretoFront', () => {
  it('keeps the points no other point beats on both axes, ordered by x', () => {
    const points = [p('slow-small', 10, 1), p('fast-big', 2, 9), p('middle', 5, 5), p('dominated', 6, 6), p('worst', 11, 10)];
    expect(paretoFront(points).map((q) => q.id)).toEqual(['fast-big', 'middle', 'slow-small']);
  });

  it('drops a point equal on one axis and worse on the other, keeps exact duplicates', () => {
    expect(paretoFront([p('a', 1, 1), p('b', 1, 2)]).map((q) => q.id)).toEqual(['a']);
    expect(paretoFront([p('a', 1, 1), p('b', 1, 1)]).map((q) => q.id)).toEqual(['a', 'b']);
  });

  it('maximizes y when asked (accuracy vs latency)', () => {
    const points = [p('fast-bad', 1, 0.7), p('slow-good', 5, 0.9), p('slow-bad', 6, 0.6)];
    expect(paretoFront(points, 'min', 'max').map((q) => q.id)).toEqual(['fast-bad', 'slow-good']);
    expect(dominates(p('slow-good', 5, 0.9), p('slow-bad', 6, 0.6), 'min', 'max')).toBe(true);
  });

  it('ignores non-finite points and handles empty and single inputs', () => {
    expect(paretoFront([])).toEqual([]);
    expect(paretoFront([p('nan', Number.NaN, 1), p('one', 3, 3)]).map((q) => q.id)).toEqual(['one']);
  });
});
