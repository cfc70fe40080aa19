import { describe, expect, it } from 'vitest';
import { expectBytesEqual, firstByteDifference, installFastByteEquality } from './byte-equality.ts';

installFastByteEquality();

describe('byte equality helpers', () => {
  it('finds the first differing offset, or -1', () => {
    expect(firstByteDifference(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(-1);
    expect(firstByteDifference(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3))).toBe(1);
    expect(firstByteDifference(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(2);
  });

  it('names the offset and lengths on failure', () => {
    expect(() => { expectBytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3)); }).toThrow('Bytes differ at offset 1 (actual 2, expected 3); lengths 2 and 2.');
  });

  it('makes toStrictEqual compare views by content, whatever their buffer offset', () => {
    const backing = Uint8Array.of(0, 5, 6, 7);
    expect({ bytes: backing.subarray(1) }).toStrictEqual({ bytes: Uint8Array.of(5, 6, 7) });
  });

  it('still fails toStrictEqual on one changed byte inside a nested model-like object', () => {
    const a = { graph: { initializers: [{ data: { kind: 'raw', bytes: Uint8Array.of(1, 2, 3) } }] } };
    const b = { graph: { initializers: [{ data: { kind: 'raw', bytes: Uint8Array.of(1, 2, 4) } }] } };
    expect(a).not.toStrictEqual(b);
  });
});
