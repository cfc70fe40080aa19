import type { Dim } from '../ir/types.ts';
import { elementCount } from '../ir/tensor.ts';
import { makeKnown, MAX_FOLD_ELEMENTS, type KnownValue } from './known-value.ts';

/** Folding along one axis: picking indices (Gather, Slice, Split) and joining values (Concat). */

/** The value restricted to `indices` (in order, repeats allowed) along `axis`. */
export function pickAlongAxis(v: KnownValue, axis: number, indices: readonly number[]): KnownValue | undefined {
  const axisDim = v.dims[axis] ?? 1;
  const outer = elementCount(v.dims.slice(0, axis));
  const inner = elementCount(v.dims.slice(axis + 1));
  if (outer * indices.length * inner > MAX_FOLD_ELEMENTS) return undefined;
  const data: Dim[] = [];
  for (let o = 0; o < outer; o++) {
    for (const k of indices) {
      if (k < 0 || k >= axisDim) return undefined;
      for (let i = 0; i < inner; i++) {
        const x = v.data[(o * axisDim + k) * inner + i];
        if (x === undefined) return undefined;
        data.push(x);
      }
    }
  }
  const dims = [...v.dims];
  dims[axis] = indices.length;
  return makeKnown(v.dtype, dims, data);
}

/** Values joined along `axis` (all have the same rank and equal dims elsewhere). */
export function concatAlongAxis(values: readonly KnownValue[], axis: number, dtype: number): KnownValue | undefined {
  const first = values[0];
  if (first === undefined) return undefined;
  const outer = elementCount(first.dims.slice(0, axis));
  if (values.reduce((s, v) => s + v.data.length, 0) > MAX_FOLD_ELEMENTS) return undefined;
  const data: Dim[] = [];
  for (let o = 0; o < outer; o++) {
    for (const v of values) {
      const chunk = elementCount(v.dims.slice(axis));
      for (let i = 0; i < chunk; i++) {
        const x = v.data[o * chunk + i];
        if (x === undefined) return undefined;
        data.push(x);
      }
    }
  }
  const dims = [...first.dims];
  dims[axis] = values.reduce((s, v) => s + (v.dims[axis] ?? 0), 0);
  return makeKnown(dtype, dims, data);
}
