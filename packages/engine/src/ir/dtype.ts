/**
 * ONNX tensor element types (TensorProto.DataType), as a const object plus facts per type.
 * Codes are the ONNX enum values, so they cross the protobuf boundary unchanged.
 */
export const DataType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
  COMPLEX64: 14,
  COMPLEX128: 15,
  BFLOAT16: 16,
  FLOAT8E4M3FN: 17,
  FLOAT8E4M3FNUZ: 18,
  FLOAT8E5M2: 19,
  FLOAT8E5M2FNUZ: 20,
  UINT4: 21,
  INT4: 22,
  FLOAT4E2M1: 23,
  FLOAT8E8M0: 24,
  UINT2: 25,
  INT2: 26,
} as const;
export type DataType = (typeof DataType)[keyof typeof DataType];

/** How a dtype is stored when not in raw_data (ONNX TensorProto field rules). */
export type TypedField = 'float' | 'int32' | 'int64' | 'double' | 'uint64' | 'string';

export interface DataTypeInfo {
  readonly code: DataType;
  /** Lower-case name as onnxruntime and numpy spell it (`float32`, `float16`, `int4`, ...). */
  readonly name: string;
  /** Storage bits per element in raw_data (4 and 2 for packed sub-byte types, 0 for strings). */
  readonly bits: number;
  readonly isFloat: boolean;
  /** The typed field an exporter may use instead of raw_data. */
  readonly typedField: TypedField;
}

const INFO: readonly DataTypeInfo[] = [
  { code: DataType.FLOAT, name: 'float32', bits: 32, isFloat: true, typedField: 'float' },
  { code: DataType.UINT8, name: 'uint8', bits: 8, isFloat: false, typedField: 'int32' },
  { code: DataType.INT8, name: 'int8', bits: 8, isFloat: false, typedField: 'int32' },
  { code: DataType.UINT16, name: 'uint16', bits: 16, isFloat: false, typedField: 'int32' },
  { code: DataType.INT16, name: 'int16', bits: 16, isFloat: false, typedField: 'int32' },
  { code: DataType.INT32, name: 'int32', bits: 32, isFloat: false, typedField: 'int32' },
  { code: DataType.INT64, name: 'int64', bits: 64, isFloat: false, typedField: 'int64' },
  { code: DataType.STRING, name: 'string', bits: 0, isFloat: false, typedField: 'string' },
  { code: DataType.BOOL, name: 'bool', bits: 8, isFloat: false, typedField: 'int32' },
  { code: DataType.FLOAT16, name: 'float16', bits: 16, isFloat: true, typedField: 'int32' },
  { code: DataType.DOUBLE, name: 'float64', bits: 64, isFloat: true, typedField: 'double' },
  { code: DataType.UINT32, name: 'uint32', bits: 32, isFloat: false, typedField: 'uint64' },
  { code: DataType.UINT64, name: 'uint64', bits: 64, isFloat: false, typedField: 'uint64' },
  { code: DataType.COMPLEX64, name: 'complex64', bits: 64, isFloat: true, typedField: 'float' },
  { code: DataType.COMPLEX128, name: 'complex128', bits: 128, isFloat: true, typedField: 'double' },
  { code: DataType.BFLOAT16, name: 'bfloat16', bits: 16, isFloat: true, typedField: 'int32' },
  { code: DataType.FLOAT8E4M3FN, name: 'float8e4m3fn', bits: 8, isFloat: true, typedField: 'int32' },
  { code: DataType.FLOAT8E4M3FNUZ, name: 'float8e4m3fnuz', bits: 8, isFloat: true, typedField: 'int32' },
  { code: DataType.FLOAT8E5M2, name: 'float8e5m2', bits: 8, isFloat: true, typedField: 'int32' },
  { code: DataType.FLOAT8E5M2FNUZ, name: 'float8e5m2fnuz', bits: 8, isFloat: true, typedField: 'int32' },
  { code: DataType.UINT4, name: 'uint4', bits: 4, isFloat: false, typedField: 'int32' },
  { code: DataType.INT4, name: 'int4', bits: 4, isFloat: false, typedField: 'int32' },
  { code: DataType.FLOAT4E2M1, name: 'float4e2m1', bits: 4, isFloat: true, typedField: 'int32' },
  { code: DataType.FLOAT8E8M0, name: 'float8e8m0', bits: 8, isFloat: true, typedField: 'int32' },
  { code: DataType.UINT2, name: 'uint2', bits: 2, isFloat: false, typedField: 'int32' },
  { code: DataType.INT2, name: 'int2', bits: 2, isFloat: false, typedField: 'int32' },
];

const BY_CODE = new Map<number, DataTypeInfo>(INFO.map((i) => [i.code, i]));
const BY_NAME = new Map<string, DataTypeInfo>(INFO.map((i) => [i.name, i]));

/** Facts about a dtype code, or undefined for codes this engine does not know. */
export function dataTypeInfo(code: number): DataTypeInfo | undefined {
  return BY_CODE.get(code);
}

/** The lower-case name of a dtype code (`float32`), or `dtype(N)` for unknown codes. */
export function dataTypeName(code: number): string {
  return BY_CODE.get(code)?.name ?? `dtype(${String(code)})`;
}

/** A dtype code from its lower-case name (`float32`, `int64`, ...). */
export function dataTypeFromName(name: string): DataType | undefined {
  return BY_NAME.get(name)?.code;
}

/**
 * Bytes that `elements` elements of `code` occupy in raw_data (sub-byte types are packed, rounded up).
 * BigInt so that crafted dims cannot overflow before they are checked. Undefined for strings and unknown codes.
 */
export function rawByteLength(code: number, elements: bigint): bigint | undefined {
  const info = BY_CODE.get(code);
  if (info === undefined || info.bits === 0) return undefined;
  return (elements * BigInt(info.bits) + 7n) / 8n;
}
