import type { Dim } from '../ir/types.ts';
import type { DimAlgebra } from './dim-algebra.ts';
import { fail } from './handler.ts';

/** Shape helpers shared by the handlers: axis normalisation, broadcasting, dim merging. */

/** Normalises a possibly negative axis into [0, rank); out-of-range axes are an invalid attribute. */
export function normalizeAxis(axis: number, rank: number, what = 'axis'): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) {
    fail('invalid-attribute', `${what} ${String(axis)} is out of range for rank ${String(rank)}; expected [${String(-rank)}, ${String(rank - 1)}].`);
  }
  return a;
}

/** Normalises and de-duplicates a list of axes (sorted ascending). */
export function normalizeAxes(axes: readonly number[], rank: number, what = 'axes'): number[] {
  const out = new Set<number>();
  for (const a of axes) {
    const n = normalizeAxis(a, rank, what);
    if (out.has(n)) fail('invalid-attribute', `${what} lists axis ${String(a)} twice.`);
    out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * One output dim of ONNX multidirectional (numpy) broadcasting (Broadcasting.md). Equal dims stay; a 1 yields to the
 * other side; a symbol against a number other than 1 takes the number (the model is only valid if they agree).
 * Two different symbols give a fresh symbol: either could be 1 at run time, and the engine never guesses.
 */
export function broadcastDim(dims: DimAlgebra, a: Dim, b: Dim): Dim {
  if (a === b) return a;
  if (a === 1) return b;
  if (b === 1) return a;
  if (typeof a === 'number' && typeof b === 'number') {
    fail('shape-mismatch', `cannot broadcast dims ${String(a)} and ${String(b)}.`);
  }
  if (typeof a === 'number') return a;
  if (typeof b === 'number') return b;
  return dims.fresh();
}

/** Multidirectional broadcast of several shapes; undefined when any rank is unknown. */
export function broadcastShapes(dims: DimAlgebra, shapes: readonly (readonly Dim[] | undefined)[]): Dim[] | undefined {
  let out: Dim[] = [];
  for (const s of shapes) {
    if (s === undefined) return undefined;
    out = broadcastPair(dims, out, s);
  }
  return out;
}

function broadcastPair(dims: DimAlgebra, a: readonly Dim[], b: readonly Dim[]): Dim[] {
  const rank = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    out.push(broadcastDim(dims, da, db));
  }
  return out;
}

/**
 * Two dims the spec requires to be equal (Concat's non-axis dims, MatMul's inner dim): a number wins over a
 * symbol; two different numbers are a mismatch; two different symbols keep the first.
 */
export function mergeEqualDims(a: Dim, b: Dim, what: string): Dim {
  if (a === b) return a;
  if (typeof a === 'number' && typeof b === 'number') fail('shape-mismatch', `${what}: ${String(a)} vs ${String(b)}; expected equal dims.`);
  return typeof a === 'number' ? a : b;
}

/** Renders a shape for messages: `[N,3,224,224]`. */
export function formatShape(shape: readonly Dim[] | undefined): string {
  return shape === undefined ? '<unknown rank>' : `[${shape.join(',')}]`;
}

/** Fresh symbols for a tensor whose rank is known but whose dims are not (undefined for an impossible rank). */
export function freshShape(dims: DimAlgebra, rank: number): Dim[] | undefined {
  if (!Number.isInteger(rank) || rank < 0) return undefined;
  return Array.from({ length: rank }, () => dims.fresh());
}

/** The shape as numbers, or undefined when any dim is symbolic. */
export function concreteShape(shape: readonly Dim[] | undefined): number[] | undefined {
  if (shape === undefined) return undefined;
  const out: number[] = [];
  for (const d of shape) {
    if (typeof d !== 'number') return undefined;
    out.push(d);
  }
  return out;
}
