import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { readAsFloat32, readAsNumbers, tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrTensor } from '../../src/ir/types.ts';
import { sliceTensor, zeroTensor } from '../../src/prune/slice-tensor.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';

/** A float32 [2, 3, 2] tensor holding 0…11. */
const t = tensorFromArray('w', DataType.FLOAT, [2, 3, 2], Float32Array.from({ length: 12 }, (_, i) => i));

/** The same values behind a view that starts one byte into its buffer (raw_data in a file is often unaligned). */
function unaligned(tensor: IrTensor): IrTensor {
  if (tensor.data.kind !== 'raw') throw new Error('raw expected');
  const backing = new Uint8Array(tensor.data.bytes.byteLength + 1);
  backing.set(tensor.data.bytes, 1);
  return { ...tensor, data: { kind: 'raw', bytes: backing.subarray(1) } };
}

describe('sliceTensor', () => {
  it('keeps the listed indices of one axis', () => {
    const out = sliceTensor(t, new Map([[1, [0, 2]]]));
    expect(out.dims).toEqual([2, 2, 2]);
    expect(Array.from(readAsFloat32(out))).toEqual([0, 1, 4, 5, 6, 7, 10, 11]);
  });

  it('slices several axes at once, whatever order they are listed in', () => {
    const out = sliceTensor(t, new Map([[2, [1]], [0, [1]]]));
    expect(out.dims).toEqual([1, 3, 1]);
    expect(Array.from(readAsFloat32(out))).toEqual([7, 9, 11]);
  });

  it('reads unaligned raw bytes without viewing them as a typed array', () => {
    const out = sliceTensor(unaligned(t), new Map([[0, [1]]]));
    expect(Array.from(readAsFloat32(out))).toEqual([6, 7, 8, 9, 10, 11]);
  });

  it('handles int64 and float16 alike (bytes, not values)', () => {
    const ints = tensorFromArray('i', DataType.INT64, [4], BigInt64Array.of(1n, -2n, 3n, 1n << 40n));
    expect(readAsNumbers(sliceTensor(ints, new Map([[0, [1, 3]]])))).toEqual([-2, 2 ** 40]);
    const halves = tensorFromArray('h', DataType.FLOAT16, [3], Uint16Array.of(0x3c00, 0x4000, 0x4200));
    expect(Array.from(readAsFloat32(sliceTensor(halves, new Map([[0, [2]]]))))).toEqual([3]);
  });

  it('returns the same tensor when every index is kept, and never modifies its input', () => {
    const before = Array.from(readAsFloat32(t));
    expect(sliceTensor(t, new Map([[1, [0, 1, 2]]]))).toBe(t);
    sliceTensor(t, new Map([[1, [1]]]));
    expect(Array.from(readAsFloat32(t))).toEqual(before);
  });

  it('refuses packed sub-byte types', () => {
    const int4: IrTensor = { ...t, name: 'q', dtype: DataType.INT4, dims: [4], data: { kind: 'raw', bytes: Uint8Array.of(0x21, 0x43) } };
    const error = expectEngineError(() => sliceTensor(int4, new Map([[0, [0, 1]]])), EngineErrorCode.Unsupported);
    expect(error.message).toContain('int4');
  });

  it('refuses external data that was not loaded', () => {
    const external: IrTensor = { ...t, data: { kind: 'external', location: 'w.bin', offset: 0, length: 48, entries: [] } };
    expectEngineError(() => sliceTensor(external, new Map([[0, [0]]])), EngineErrorCode.Unsupported);
  });

  it('refuses indices out of range or out of order', () => {
    expectEngineError(() => sliceTensor(t, new Map([[1, [3]]])), EngineErrorCode.PlanInvalid);
    expectEngineError(() => sliceTensor(t, new Map([[1, [2, 0]]])), EngineErrorCode.PlanInvalid);
  });
});

describe('zeroTensor', () => {
  it('zeroes the listed indices of an axis and keeps dims', () => {
    const out = zeroTensor(unaligned(t), new Map([[1, [1]]]));
    expect(out.dims).toEqual([2, 3, 2]);
    expect(Array.from(readAsFloat32(out))).toEqual([0, 1, 0, 0, 4, 5, 6, 7, 0, 0, 10, 11]);
  });

  it('zeroes the union when several axes are listed', () => {
    const out = zeroTensor(t, new Map([[0, [0]], [2, [1]]]));
    expect(Array.from(readAsFloat32(out))).toEqual([0, 0, 0, 0, 0, 0, 6, 0, 8, 0, 10, 0]);
  });

  it('is a no-op for empty index lists', () => {
    expect(zeroTensor(t, new Map([[0, []]]))).toBe(t);
  });
});
