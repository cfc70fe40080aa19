import { EngineError, EngineErrorCode } from '../errors.ts';
import { DataType, dataTypeInfo, dataTypeName, rawByteLength } from './dtype.ts';
import type { IrTensor } from './types.ts';

/** Number of elements of a shape (1 for a scalar). Dims are validated safe integers. */
export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Typed arrays a tensor can be built from or read into. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Makes a tensor whose bytes are a copy of `values` (little-endian, as raw_data stores them). */
export function tensorFromArray(
  name: string,
  dtype: number,
  dims: readonly number[],
  values: NumericArray,
): IrTensor {
  const expected = rawByteLength(dtype, BigInt(elementCount(dims)));
  if (expected === undefined) {
    throw new EngineError(EngineErrorCode.UnknownDataType, `Cannot build tensor '${name}' of ${dataTypeName(dtype)} from a typed array.`, name);
  }
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  if (BigInt(bytes.byteLength) !== expected) {
    throw new EngineError(
      EngineErrorCode.TensorDataLength,
      `Tensor '${name}' needs ${expected} bytes for ${dataTypeName(dtype)}[${dims.join(',')}]; the array has ${bytes.byteLength}.`,
      name,
    );
  }
  return { name, dtype, dims: [...dims], data: { kind: 'raw', bytes }, docString: '', metadataProps: [] };
}

function rawBytesOf(tensor: IrTensor): Uint8Array {
  if (tensor.data.kind !== 'raw') {
    throw new EngineError(
      EngineErrorCode.TensorDataField,
      `Tensor '${tensor.name}' holds ${tensor.data.kind} data; expected raw bytes (load external data first).`,
      tensor.name,
    );
  }
  return tensor.data.bytes;
}

/** A fresh, aligned copy of the tensor bytes (raw_data may be an unaligned view into the file). */
function alignedCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Reads a FLOAT / FLOAT16 / DOUBLE / integer tensor as float32 values (a copy). */
export function readAsFloat32(tensor: IrTensor): Float32Array {
  const bytes = rawBytesOf(tensor);
  const buf = alignedCopy(bytes);
  switch (tensor.dtype) {
    case DataType.FLOAT:
      return new Float32Array(buf);
    case DataType.DOUBLE:
      return Float32Array.from(new Float64Array(buf));
    case DataType.FLOAT16:
      return Float32Array.from(new Uint16Array(buf), halfToFloat);
    case DataType.BFLOAT16:
      return Float32Array.from(new Uint16Array(buf), (h) => {
        const f = new Float32Array(new Uint32Array([h << 16]).buffer)[0];
        return f ?? 0;
      });
    default: {
      const ints = readAsNumbers(tensor);
      return Float32Array.from(ints);
    }
  }
}

/** Reads an integer or bool tensor as JS numbers (int64 values beyond 2^53 are clamped to ±MAX_SAFE_INTEGER). */
export function readAsNumbers(tensor: IrTensor): number[] {
  const bytes = rawBytesOf(tensor);
  const buf = alignedCopy(bytes);
  switch (tensor.dtype) {
    case DataType.INT64:
      return Array.from(new BigInt64Array(buf), clampBigInt);
    case DataType.UINT64:
      return Array.from(new BigUint64Array(buf), clampBigInt);
    case DataType.INT32:
      return Array.from(new Int32Array(buf));
    case DataType.UINT32:
      return Array.from(new Uint32Array(buf));
    case DataType.INT16:
      return Array.from(new Int16Array(buf));
    case DataType.UINT16:
      return Array.from(new Uint16Array(buf));
    case DataType.INT8:
      return Array.from(new Int8Array(buf));
    case DataType.UINT8:
    case DataType.BOOL:
      return Array.from(new Uint8Array(buf));
    case DataType.FLOAT:
      return Array.from(new Float32Array(buf));
    case DataType.DOUBLE:
      return Array.from(new Float64Array(buf));
    case DataType.FLOAT16:
      return Array.from(new Uint16Array(buf), halfToFloat);
    default:
      throw new EngineError(
        EngineErrorCode.UnknownDataType,
        `Cannot read tensor '${tensor.name}' of ${dataTypeName(tensor.dtype)} as numbers.`,
        tensor.name,
      );
  }
}

/** Clamps an int64 to the safe-integer range (INT64_MAX sentinels in Slice ends become MAX_SAFE_INTEGER). */
export function clampBigInt(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (v < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(v);
}

/** IEEE 754 half → float (subnormals, infinities and NaN included). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** Byte size of a tensor's values as stored (raw or external); strings count their bytes. */
export function tensorByteSize(tensor: IrTensor): number {
  switch (tensor.data.kind) {
    case 'raw':
      return tensor.data.bytes.byteLength;
    case 'strings':
      return tensor.data.values.reduce((s, v) => s + v.byteLength, 0);
    case 'external': {
      const n = rawByteLength(tensor.dtype, BigInt(elementCount(tensor.dims)));
      return n === undefined ? (tensor.data.length ?? 0) : Number(n);
    }
  }
}

/** True when the dtype is a floating-point type. */
export function isFloatType(dtype: number): boolean {
  return dataTypeInfo(dtype)?.isFloat ?? false;
}
