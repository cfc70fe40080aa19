/**
 * Tensor assertions for runtime outputs, in the style of tfjs `expectArraysClose`: on failure the message names the
 * first mismatching flat index, its multi-dimensional coordinate, both values, the tolerance, how many elements
 * differ, and the largest absolute and relative errors.
 */
import { halfToFloat } from '../../src/ir/tensor.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { numbersClose, toleranceFor, type Tolerance } from './tolerance.ts';

type Element = number | bigint | string;

/** The row-major coordinate of flat index `index` in a tensor of `dims`. */
export function coordinateOf(index: number, dims: readonly number[]): number[] {
  const coordinate = new Array<number>(dims.length).fill(0);
  let rest = index;
  for (let axis = dims.length - 1; axis >= 0; axis--) {
    const size = dims[axis] ?? 1;
    coordinate[axis] = size === 0 ? 0 : rest % size;
    rest = size === 0 ? 0 : Math.floor(rest / size);
  }
  return coordinate;
}

/** Element values as comparable JS values (float16 bit patterns decoded, int64 kept as bigint). */
function elementsOf(t: HostTensor): readonly Element[] {
  if (t.type === 'float16' && t.data instanceof Uint16Array) return Array.from(t.data, halfToFloat);
  if (t.data instanceof BigInt64Array || t.data instanceof BigUint64Array) return Array.from(t.data);
  if (Array.isArray(t.data)) return t.data as readonly string[];
  return Array.from(t.data as ArrayLike<number>);
}

/** The bytes behind a numeric tensor, or undefined for strings. */
function bytesOf(t: HostTensor): Uint8Array | undefined {
  if (Array.isArray(t.data)) return undefined;
  const view = t.data as ArrayBufferView;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function format(v: Element | undefined): string {
  if (typeof v === 'bigint') return `${String(v)}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  return Object.is(v, -0) ? '-0' : String(v);
}

function headerMismatch(actual: HostTensor, expected: HostTensor): string | undefined {
  if (actual.type !== expected.type) return `Tensors differ in type: actual ${actual.type}, expected ${expected.type}.`;
  if (!sameDims(actual.dims, expected.dims)) {
    return `Tensors differ in shape: actual [${actual.dims.join(',')}], expected [${expected.dims.join(',')}].`;
  }
  if (actual.data.length !== expected.data.length) {
    return `Tensors differ in length: actual ${String(actual.data.length)} elements, expected ${String(expected.data.length)}.`;
  }
  return undefined;
}

function elementsClose(a: Element | undefined, e: Element | undefined, tol: Tolerance): boolean {
  if (typeof a === 'number' && typeof e === 'number') return numbersClose(a, e, tol);
  return a === e;
}

/**
 * Describes how `actual` differs from `expected` under `tol`, or returns undefined when they agree.
 * NaN equals NaN, infinities must match in sign, integers, bools and strings must match exactly when `tol` is zero.
 */
export function describeTensorDifference(actual: HostTensor, expected: HostTensor, tol: Tolerance): string | undefined {
  const header = headerMismatch(actual, expected);
  if (header !== undefined) return header;
  const a = elementsOf(actual);
  const e = elementsOf(expected);
  let first = -1;
  let mismatches = 0;
  let maxAbs = 0;
  let maxRel = 0;
  for (let i = 0; i < e.length; i++) {
    const ai = a[i];
    const ei = e[i];
    if (!elementsClose(ai, ei, tol)) {
      mismatches++;
      if (first < 0) first = i;
    }
    if (typeof ai === 'string' || typeof ei === 'string' || ai === undefined || ei === undefined) continue;
    const diff = Math.abs(Number(ai) - Number(ei));
    if (!Number.isFinite(diff)) continue;
    maxAbs = Math.max(maxAbs, diff);
    const scale = Math.abs(Number(ei));
    maxRel = Math.max(maxRel, scale === 0 ? (diff === 0 ? 0 : Infinity) : diff / scale);
  }
  if (first < 0) return undefined;
  const coordinate = coordinateOf(first, expected.dims);
  return (
    `Tensors differ at flat index ${String(first)}, coordinate [${coordinate.join(',')}]: ` +
    `actual ${format(a[first])}, expected ${format(e[first])} (tolerance abs ${String(tol.abs)}, rel ${String(tol.rel)}).\n` +
    `${String(mismatches)} of ${String(e.length)} elements differ; max abs error ${String(maxAbs)}, max rel error ${String(maxRel)}.`
  );
}

/**
 * Asserts that two host tensors have the same type and shape and values within `tol`
 * (default: `toleranceFor(expected.type)`, i.e. exact for integers, bools and strings).
 */
export function expectTensorsClose(actual: HostTensor, expected: HostTensor, tol: Tolerance = toleranceFor(expected.type)): void {
  const difference = describeTensorDifference(actual, expected, tol);
  if (difference !== undefined) throw new Error(difference);
}

/**
 * Asserts that two host tensors are bitwise identical: same type, same shape, same bytes (floats compared by bit
 * pattern, so -0 differs from 0 and NaN payloads must match). For "the same computation gave the same result".
 */
export function expectTensorsIdentical(actual: HostTensor, expected: HostTensor): void {
  const header = headerMismatch(actual, expected);
  if (header !== undefined) throw new Error(header);
  const a = bytesOf(actual);
  const e = bytesOf(expected);
  if (a === undefined || e === undefined) {
    expectTensorsClose(actual, expected, { abs: 0, rel: 0 });
    return;
  }
  const bytesPerElement = expected.data.length === 0 ? 1 : e.byteLength / expected.data.length;
  for (let i = 0; i < e.byteLength; i++) {
    if (a[i] === e[i]) continue;
    const index = Math.floor(i / bytesPerElement);
    const values = [elementsOf(actual)[index], elementsOf(expected)[index]] as const;
    throw new Error(
      `Tensors are not bitwise identical at flat index ${String(index)}, coordinate [${coordinateOf(index, expected.dims).join(',')}]: ` +
        `actual ${format(values[0])}, expected ${format(values[1])}.`,
    );
  }
}
