import { describe, expect, it } from 'vitest';
import { DataType, dataTypeFromName, dataTypeInfo, dataTypeName, rawByteLength } from '../../src/ir/dtype.ts';

describe('dtype facts', () => {
  it('names codes as onnxruntime does and maps names back', () => {
    expect([DataType.FLOAT, DataType.FLOAT16, DataType.BFLOAT16, DataType.INT4, DataType.FLOAT8E4M3FN].map(dataTypeName)).toEqual([
      'float32', 'float16', 'bfloat16', 'int4', 'float8e4m3fn',
    ]);
    expect(dataTypeFromName('int64')).toBe(DataType.INT64);
    expect(dataTypeFromName('float')).toBeUndefined();
  });

  it('names unknown codes dtype(N)', () => {
    expect(dataTypeName(99)).toBe('dtype(99)');
    expect(dataTypeInfo(99)).toBeUndefined();
  });

  it('knows every ONNX 1.20 dtype code except UNDEFINED', () => {
    const unknown = Object.values(DataType).filter((code) => code !== DataType.UNDEFINED && dataTypeInfo(code) === undefined);
    expect(unknown).toEqual([]);
  });

  it('sizes packed sub-byte types rounding up', () => {
    expect(rawByteLength(DataType.INT4, 5n)).toBe(3n);
    expect(rawByteLength(DataType.UINT4, 4n)).toBe(2n);
    expect(rawByteLength(DataType.INT2, 5n)).toBe(2n);
    expect(rawByteLength(DataType.FLOAT4E2M1, 1n)).toBe(1n);
  });

  it('sizes wide types with BigInt so huge element counts cannot overflow', () => {
    expect(rawByteLength(DataType.COMPLEX128, 3n)).toBe(48n);
    expect(rawByteLength(DataType.FLOAT, 1n << 62n)).toBe(1n << 64n);
  });

  it('has no raw size for strings or unknown codes', () => {
    expect(rawByteLength(DataType.STRING, 3n)).toBeUndefined();
    expect(rawByteLength(0, 3n)).toBeUndefined();
  });
});
