import type { Dim } from '../ir/types.ts';
import { elementCount } from '../ir/tensor.ts';
import { makeKnown, MAX_FOLD_ELEMENTS, type KnownValue } from './known-value.ts';

/** Element-level helpers for constant folding: broadcast iteration and index arithmetic on small values. */

/** Row-major strides of a shape. */
export function stridesOf(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = (s[i + 1] ?? 1) * (dims[i + 1] ?? 1);
  return s;
}

/** Multi-dimensional coordinate of flat index `flat` in `dims`. */
export function coordOf(flat: number, dims: readonly number[]): number[] {
  const c = new Array<number>(dims.length).fill(0);
  let rest = flat;
  for (let i = dims.length - 1; i >= 0; i--) {
    const d = dims[i] ?? 1;
    c[i] = rest % d;
    rest = Math.floor(rest / d);
  }
  return c;
}

/** Flat index of the element of an input of `inDims` that broadcasting maps to output coordinate `coord`. */
function broadcastSource(coord: readonly number[], inDims: readonly number[], inStrides: readonly number[]): number {
  const offset = coord.length - inDims.length;
  let flat = 0;
  for (let i = 0; i < inDims.length; i++) {
    const d = inDims[i] ?? 1;
    if (d !== 1) flat += (coord[i + offset] ?? 0) * (inStrides[i] ?? 0);
  }
  return flat;
}

/**
 * Folds an elementwise op over broadcast inputs. `f` receives one element per input and returns the output
 * element, or undefined when it cannot be computed (e.g. comparing a symbol with a number): then nothing folds.
 */
export function foldBroadcast(
  outDims: readonly number[],
  outDtype: number,
  inputs: readonly KnownValue[],
  f: (xs: readonly Dim[]) => Dim | undefined,
): KnownValue | undefined {
  const count = elementCount(outDims);
  if (count > MAX_FOLD_ELEMENTS) return undefined;
  const strides = inputs.map((v) => stridesOf(v.dims));
  const out: Dim[] = [];
  for (let flat = 0; flat < count; flat++) {
    const coord = coordOf(flat, outDims);
    const xs: Dim[] = [];
    for (const [k, v] of inputs.entries()) {
      const x = v.data[broadcastSource(coord, v.dims, strides[k] ?? [])];
      if (x === undefined) return undefined;
      xs.push(x);
    }
    const y = f(xs);
    if (y === undefined) return undefined;
    out.push(y);
  }
  return makeKnown(outDtype, outDims, out);
}

/** The same data under new dims (Reshape, Squeeze, Unsqueeze, Flatten, Identity). */
export function reshapeKnown(value: KnownValue | undefined, dims: readonly Dim[] | undefined): KnownValue | undefined {
  if (value === undefined || dims === undefined) return undefined;
  if (!dims.every((d): d is number => typeof d === 'number')) return undefined;
  return makeKnown(value.dtype, dims, value.data);
}
