import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { DataType } from '../../src/ir/dtype.ts';
import {
  clampBigInt,
  elementCount,
  halfToFloat,
  isFloatType,
  readAsFloat32,
  readAsNumbers,
  tensorByteSize,
  tensorFromArray,
  type NumericArray,
} from '../../src/ir/tensor.ts';
import type { IrTensor } from '../../src/ir/types.ts';
import { encodeUtf8 } from '../../src/ir/utf8.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function tensor(dtype: number, values: NumericArray): IrTensor {
  return tensorFromArray('t', dtype, [values.length], values);
}

describe('halfToFloat', () => {
  it('decodes normal values', () => {
    expect([0x3c00, 0xc000, 0x3555, 0x7bff].map(halfToFloat)).toEqual([1, -2, 0.333251953125, 65504]);
  });

  it('decodes subnormals: the smallest is 2^-24, the largest (1023/1024)·2^-14', () => {
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x03ff)).toBe((1023 / 1024) * 2 ** -14);
    expect(halfToFloat(0x8001)).toBe(-(2 ** -24));
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(halfToFloat(0x0000), 0)).toBe(true);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
  });

  it('decodes infinities with their sign', () => {
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
  });

  it('decodes every NaN pattern, quiet or signalling, positive or negative, to NaN', () => {
    for (const bits of [0x7e00, 0x7c01, 0xfe00, 0x7fff]) expect(halfToFloat(bits)).toBeNaN();
  });
});

describe('clampBigInt', () => {
  it('clamps the INT64_MAX / INT64_MIN sentinels to ±MAX_SAFE_INTEGER', () => {
    expect(clampBigInt(INT64_MAX)).toBe(Number.MAX_SAFE_INTEGER);
    expect(clampBigInt(INT64_MIN)).toBe(Number.MIN_SAFE_INTEGER);
  });

  it('keeps values inside the safe range exact, at its edges too', () => {
    expect(clampBigInt(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(clampBigInt(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(clampBigInt(-5n)).toBe(-5);
    expect(clampBigInt(0n)).toBe(0);
  });
});

describe('readAsNumbers', () => {
  it.each([
    ['int32', DataType.INT32, Int32Array.of(-2147483648, 7), [-2147483648, 7]],
    ['uint32', DataType.UINT32, Uint32Array.of(4294967295), [4294967295]],
    ['int16', DataType.INT16, Int16Array.of(-32768, 32767), [-32768, 32767]],
    ['uint16', DataType.UINT16, Uint16Array.of(65535), [65535]],
    ['int8', DataType.INT8, Int8Array.of(-128, 127), [-128, 127]],
    ['uint8', DataType.UINT8, Uint8Array.of(0, 255), [0, 255]],
    ['bool', DataType.BOOL, Uint8Array.of(1, 0), [1, 0]],
    ['float32', DataType.FLOAT, Float32Array.of(0.5, -Infinity), [0.5, -Infinity]],
    ['float64', DataType.DOUBLE, Float64Array.of(Math.PI), [Math.PI]],
    ['float16', DataType.FLOAT16, Uint16Array.of(0x3c00, 0x0001), [1, 2 ** -24]],
  ] as const)('reads %s', (_name, dtype, values, expected) => {
    expect(readAsNumbers(tensor(dtype, values))).toEqual(expected);
  });

  it('reads int64, clamping INT64_MAX / INT64_MIN sentinels', () => {
    expect(readAsNumbers(tensor(DataType.INT64, BigInt64Array.of(INT64_MAX, INT64_MIN, -1n, 1n << 40n)))).toEqual([
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      -1,
      2 ** 40,
    ]);
  });

  it('reads uint64, clamping values beyond 2^53', () => {
    expect(readAsNumbers(tensor(DataType.UINT64, BigUint64Array.of((1n << 64n) - 1n, 3n)))).toEqual([Number.MAX_SAFE_INTEGER, 3]);
  });

  it('refuses dtypes it cannot represent as numbers', () => {
    const int4 = tensorFromArray('q', DataType.INT4, [2], Uint8Array.of(0x21));
    expectEngineError(() => readAsNumbers(int4), EngineErrorCode.UnknownDataType);
  });

  it('refuses string and external tensors', () => {
    const strings: IrTensor = { name: 's', dtype: DataType.STRING, dims: [1], data: { kind: 'strings', values: [encodeUtf8('a')] }, docString: '', metadataProps: [] };
    expectEngineError(() => readAsNumbers(strings), EngineErrorCode.TensorDataField);
    const external: IrTensor = {
      name: 'e',
      dtype: DataType.FLOAT,
      dims: [1],
      data: { kind: 'external', location: 'w.bin', offset: 0, length: 4, entries: [] },
      docString: '',
      metadataProps: [],
    };
    expectEngineError(() => readAsFloat32(external), EngineErrorCode.TensorDataField);
  });
});

describe('readAsFloat32', () => {
  it('reads float16 and bfloat16 bit patterns as float32 values', () => {
    expect(Array.from(readAsFloat32(tensor(DataType.FLOAT16, Uint16Array.of(0x3c00, 0xfc00, 0x7e00))))).toEqual([1, -Infinity, NaN]);
    expect(Array.from(readAsFloat32(tensor(DataType.BFLOAT16, Uint16Array.of(0x3f80, 0xc040, 0xff80))))).toEqual([1, -3, -Infinity]);
  });

  it('narrows float64 and converts integers', () => {
    expect(Array.from(readAsFloat32(tensor(DataType.DOUBLE, Float64Array.of(0.1))))).toEqual([Math.fround(0.1)]);
    expect(Array.from(readAsFloat32(tensor(DataType.INT8, Int8Array.of(-3, 4))))).toEqual([-3, 4]);
  });

  it('returns a copy: writing to the result leaves the tensor unchanged', () => {
    const t = tensor(DataType.FLOAT, Float32Array.of(1, 2));
    readAsFloat32(t)[0] = 42;
    expect(Array.from(readAsFloat32(t))).toEqual([1, 2]);
  });
});

describe('tensorFromArray and sizes', () => {
  it('counts elements of a scalar as 1 and of an empty shape as 0', () => {
    expect(elementCount([])).toBe(1);
    expect(elementCount([2, 0, 3])).toBe(0);
    expect(elementCount([2, 3, 4])).toBe(24);
  });

  it('accepts packed int4 bytes: 5 elements in 3 bytes', () => {
    expect(tensorByteSize(tensorFromArray('q', DataType.INT4, [5], Uint8Array.of(1, 2, 3)))).toBe(3);
  });

  it('refuses a byte length that does not match dtype and dims', () => {
    const error = expectEngineError(() => tensorFromArray('w', DataType.FLOAT, [2, 2], Float32Array.of(1, 2, 3)), EngineErrorCode.TensorDataLength);
    expect(error.message).toContain('16 bytes');
  });

  it('refuses strings (no typed array holds them)', () => {
    expectEngineError(() => tensorFromArray('s', DataType.STRING, [1], Uint8Array.of(1)), EngineErrorCode.UnknownDataType);
  });

  it('sizes strings by their bytes and external tensors by dtype and dims', () => {
    const strings: IrTensor = { name: 's', dtype: DataType.STRING, dims: [2], data: { kind: 'strings', values: [encodeUtf8('ab'), encodeUtf8('é')] }, docString: '', metadataProps: [] };
    expect(tensorByteSize(strings)).toBe(4);
    const external: IrTensor = { ...strings, dtype: DataType.FLOAT, dims: [8], data: { kind: 'external', location: 'w.bin', offset: 0, length: undefined, entries: [] } };
    expect(tensorByteSize(external)).toBe(32);
  });

  it('classifies float types', () => {
    expect([DataType.FLOAT, DataType.FLOAT16, DataType.BFLOAT16, DataType.FLOAT8E4M3FN].map(isFloatType)).toEqual([true, true, true, true]);
    expect([DataType.INT8, DataType.INT4, DataType.BOOL, DataType.STRING, 999].map(isFloatType)).toEqual([false, false, false, false, false]);
  });
});
