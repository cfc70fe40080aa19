/**
 * Fast, exact byte comparison. Vitest's generic `toEqual` walks typed arrays index by index through its generic
 * equality and takes seconds on a few hundred kilobytes of weights; these helpers compare with a plain loop.
 */
import { expect } from 'vitest';

/** The first offset where `a` and `b` differ, or -1 when they are equal (a length difference counts). */
export function firstByteDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.byteLength === b.byteLength ? -1 : n;
}

/** Asserts byte-identical arrays, naming the first differing offset and both lengths on failure. */
export function expectBytesEqual(actual: Uint8Array, expected: Uint8Array): void {
  const at = firstByteDifference(actual, expected);
  if (at >= 0) {
    throw new Error(
      `Bytes differ at offset ${String(at)} (actual ${String(actual[at])}, expected ${String(expected[at])}); ` +
        `lengths ${String(actual.byteLength)} and ${String(expected.byteLength)}.`,
    );
  }
}

function isUint8Array(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/**
 * Makes `toEqual`/`toStrictEqual` compare Uint8Arrays (raw tensor bytes, attribute strings) with a plain loop.
 * Equality semantics are unchanged: same length and same bytes, whatever the underlying buffer or offset.
 */
export function installFastByteEquality(): void {
  expect.addEqualityTesters([
    (a: unknown, b: unknown): boolean | undefined => {
      if (isUint8Array(a) && isUint8Array(b)) return firstByteDifference(a, b) < 0;
      return undefined;
    },
  ]);
}
