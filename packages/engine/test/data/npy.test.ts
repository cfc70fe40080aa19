import { describe, expect, it } from 'vitest';
import { readNpy } from '../../src/data/npy.ts';
import { EngineErrorCode } from '../../src/errors.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';
import { bytesOf, float32Npy, npyBytes } from './npy-builder.ts';

/** The values of any typed array as a plain list (bigints kept). */
function values(data: ArrayLike<number> | ArrayLike<bigint>): (number | bigint)[] {
  return Array.from({ length: data.length }, (_, i) => data[i] ?? 0);
}

describe('readNpy: valid files', () => {
  it('reads float32 in C order with the shape of the header', () => {
    const a = readNpy(float32Npy([2, 3], [1, 2, 3, 4, 5, 6.5]));
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([2, 3]);
    expect(values(a.data)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });

  const cases = [
    { descr: '<f8', dtype: 'float64', values: Float64Array.from([0.1, -2]) },
    { descr: '<i8', dtype: 'int64', values: BigInt64Array.from([-3n, 2n ** 40n]) },
    { descr: '<i4', dtype: 'int32', values: Int32Array.from([-7, 9]) },
    { descr: '|u1', dtype: 'uint8', values: Uint8Array.from([0, 255]) },
  ] as const;
  for (const c of cases) {
    it(`reads ${c.descr} as ${c.dtype}`, () => {
      const a = readNpy(npyBytes({ descr: c.descr, shape: [2], data: bytesOf(c.values) }));
      expect(a.dtype).toBe(c.dtype);
      expect(a.shape).toEqual([2]);
      expect(values(a.data)).toEqual(values(c.values));
    });
  }

  it('reads format versions 2.0 and 3.0 (uint32 header length)', () => {
    for (const version of [2, 3] as const) {
      const a = readNpy(npyBytes({ version, shape: [1], data: bytesOf(Float32Array.from([4])) }));
      expect(values(a.data)).toEqual([4]);
    }
  });

  it('reads a scalar (shape ()) and an empty array (a zero dim)', () => {
    expect(readNpy(float32Npy([], [3])).shape).toEqual([]);
    expect(readNpy(float32Npy([0, 4], [])).shape).toEqual([0, 4]);
  });

  it('accepts double-quoted keys, keys in another order and no trailing comma', () => {
    const a = readNpy(npyBytes({ header: `{"shape": (1, 2), "fortran_order": False, "descr": "<f4"}`, data: bytesOf(Float32Array.from([1, 2])) }));
    expect(a.shape).toEqual([1, 2]);
  });

  it('copies the values (unaligned input, and the result does not alias the file)', () => {
    const file = float32Npy([2], [1, 2]);
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const a = readNpy(shifted.subarray(1));
    shifted.fill(0);
    expect(values(a.data)).toEqual([1, 2]);
  });
});

describe('readNpy: refusals with stable codes', () => {
  const f4 = bytesOf(Float32Array.from([1, 2]));
  const cases: readonly (readonly [string, Uint8Array, EngineErrorCode, RegExp])[] = [
    ['an empty file', new Uint8Array(0), EngineErrorCode.DataNotNpy, /an empty file/],
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), EngineErrorCode.DataNotNpy, /magic string/],
    ['version 4.0', (() => { const b = float32Npy([2], [1, 2]); b[6] = 4; return b; })(), EngineErrorCode.DataVersion, /4\.0 is not supported/],
    ['a truncated length field', float32Npy([2], [1, 2]).subarray(0, 9), EngineErrorCode.DataNotNpy, /magic/],
    ['a header longer than the file', npyBytes({ shape: [2], data: f4, headerLength: 60_000 }), EngineErrorCode.DataHeader, /claims 60000 bytes/],
    ['a header that is not a dict', npyBytes({ header: 'hello', data: f4 }), EngineErrorCode.DataHeader, /expected '\{'/],
    ['a missing shape', npyBytes({ header: `{'descr': '<f4', 'fortran_order': False, }`, data: f4 }), EngineErrorCode.DataHeader, /missing 'shape'/],
    ['a duplicate key', npyBytes({ header: `{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }`, data: f4 }), EngineErrorCode.DataHeader, /appears twice/],
    ['a negative dim', npyBytes({ header: `{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }`, data: f4 }), EngineErrorCode.DataHeader, /non-negative integer/],
    ['an unknown key', npyBytes({ header: `{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}`, data: f4 }), EngineErrorCode.DataHeader, /unexpected key 'x'/],
    ['a structured dtype', npyBytes({ header: `{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }`, data: f4 }), EngineErrorCode.DataHeader, /structured dtypes/],
    ['Fortran order', npyBytes({ fortranOrder: true, shape: [2], data: f4 }), EngineErrorCode.DataFortranOrder, /Fortran order/],
    ['big-endian float32', npyBytes({ descr: '>f4', shape: [2], data: f4 }), EngineErrorCode.DataBigEndian, /big-endian/],
    ['an object array', npyBytes({ descr: '|O', shape: [2], data: new Uint8Array(16) }), EngineErrorCode.DataDtype, /object arrays/],
    ['float16', npyBytes({ descr: '<f2', shape: [2], data: new Uint8Array(4) }), EngineErrorCode.DataDtype, /'<f2' is not supported/],
    ['fewer data bytes than the shape needs', npyBytes({ shape: [3], data: f4 }), EngineErrorCode.DataSize, /float32\[3\] \(12 bytes\) but the file holds 8/],
    ['more data bytes than the shape needs', npyBytes({ shape: [1], data: f4 }), EngineErrorCode.DataSize, /holds 8 data bytes/],
    ['a shape whose size overflows 2^64', npyBytes({ shape: [2 ** 40, 2 ** 40, 2 ** 40], data: f4 }), EngineErrorCode.DataTooLarge, /needs \d+ bytes/],
  ];
  for (const [name, bytes, code, message] of cases) {
    it(`refuses ${name} with ${code}`, () => {
      expect(expectEngineError(() => readNpy(bytes), code).message).toMatch(message);
    });
  }

  it('refuses arrays above maxBytes before allocating them', () => {
    const e = expectEngineError(() => readNpy(float32Npy([4], [1, 2, 3, 4]), { maxBytes: 8 }), EngineErrorCode.DataTooLarge);
    expect(e.message).toBe('The NPY array needs 16 bytes; at most 8 are accepted.');
  });
});
