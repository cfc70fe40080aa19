/**
 * The Pareto front of a scatter: the points no other point beats on both axes. With latency and size both minimized,
 * a variant on the front is one where getting faster means getting bigger (or the reverse) — every other variant is
 * strictly worse than some front variant and is not worth shipping.
 */

/** Which way an axis is better. */
export type Sense = 'min' | 'max';

/** A point of the scatter. */
export interface ParetoPoint {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

function better(a: number, b: number, sense: Sense): boolean {
  return sense === 'min' ? a < b : a > b;
}

function atLeast(a: number, b: number, sense: Sense): boolean {
  return a === b || better(a, b, sense);
}

/** Whether `a` dominates `b`: at least as good on both axes and strictly better on one. */
export function dominates(a: ParetoPoint, b: ParetoPoint, xSense: Sense, ySense: Sense): boolean {
  return atLeast(a.x, b.x, xSense) && atLeast(a.y, b.y, ySense) && (better(a.x, b.x, xSense) || better(a.y, b.y, ySense));
}

/**
 * The non-dominated points, ordered by x ascending (the order a line through them is drawn in). Duplicates of a front
 * point are all on the front; non-finite points are ignored. O(n²), fine for the tens of variants a project holds.
 */
export function paretoFront<P extends ParetoPoint>(points: readonly P[], xSense: Sense = 'min', ySense: Sense = 'min'): P[] {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  return finite.filter((p) => !finite.some((q) => q !== p && dominates(q, p, xSense, ySense))).sort((a, b) => a.x - b.x || a.y - b.y);
}
