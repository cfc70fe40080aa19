import { DataType } from '../ir/dtype.ts';
import { elementCount, readAsFloat32, readAsNumbers } from '../ir/tensor.ts';
import type { Dim, IrTensor } from '../ir/types.ts';

/**
 * Largest tensor whose values shape inference tracks. Shape subgraphs (Shape → Gather → Concat → Reshape) carry a
 * handful of elements; 4096 also covers small lookup tables without reading real weights.
 */
export const MAX_FOLD_ELEMENTS = 4096;

/**
 * Largest rank inference will create from a shape-valued input of unknown value (a declared `[n]` shape input gives
 * rank n). ONNX sets no limit, but a crafted model must not make inference allocate millions of dims.
 */
export const MAX_INFERRED_RANK = 1024;

/**
 * The value of a small constant (or constant-foldable) tensor. Elements are numbers, or symbolic dims (strings)
 * where the value came from the shape of a tensor with dynamic dims: `Shape(x)` of `x: [N, 3]` is `['N', 3]`.
 * int64 values beyond ±2^53 are clamped (INT64_MAX in Slice ends reads as MAX_SAFE_INTEGER; see `clampBigInt`).
 */
export interface KnownValue {
  readonly dtype: number;
  /** Concrete: a value is only known when its element count is. */
  readonly dims: readonly number[];
  /** Row-major elements; bools are 0/1. */
  readonly data: readonly Dim[];
}

const FLOAT_TYPES: ReadonlySet<number> = new Set([DataType.FLOAT, DataType.DOUBLE, DataType.FLOAT16, DataType.BFLOAT16]);
const INT_TYPES: ReadonlySet<number> = new Set([
  DataType.INT8,
  DataType.UINT8,
  DataType.INT16,
  DataType.UINT16,
  DataType.INT32,
  DataType.UINT32,
  DataType.INT64,
  DataType.UINT64,
  DataType.BOOL,
]);

/** True for dtypes whose values can be folded (integers, bool and the common float types). */
export function isFoldableDtype(dtype: number): boolean {
  return FLOAT_TYPES.has(dtype) || INT_TYPES.has(dtype);
}

/** True for integer and bool dtypes. */
export function isIntegerDtype(dtype: number): boolean {
  return INT_TYPES.has(dtype);
}

/** A known value, or undefined when it is too large to track or its dtype is not foldable. */
export function makeKnown(dtype: number, dims: readonly number[], data: readonly Dim[]): KnownValue | undefined {
  if (!isFoldableDtype(dtype) || data.length > MAX_FOLD_ELEMENTS || data.length !== elementCount(dims)) return undefined;
  return { dtype, dims: [...dims], data };
}

/**
 * Reads a small tensor's values. Returns undefined (never throws) for large, external, string or exotic tensors:
 * their shapes are still known, only their values are not tracked.
 */
export function knownFromTensor(tensor: IrTensor): KnownValue | undefined {
  if (tensor.data.kind !== 'raw' || !isFoldableDtype(tensor.dtype)) return undefined;
  if (elementCount(tensor.dims) > MAX_FOLD_ELEMENTS) return undefined;
  try {
    const data = tensor.dtype === DataType.FLOAT16 || tensor.dtype === DataType.BFLOAT16 ? Array.from(readAsFloat32(tensor)) : readAsNumbers(tensor);
    return makeKnown(tensor.dtype, tensor.dims, data);
  } catch {
    return undefined;
  }
}

/** The elements as numbers, or undefined when any element is symbolic. */
export function numbersOf(value: KnownValue | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const out: number[] = [];
  for (const d of value.data) {
    if (typeof d !== 'number') return undefined;
    out.push(d);
  }
  return out;
}

/** The single element of a scalar or one-element tensor. */
export function scalarOf(value: KnownValue | undefined): Dim | undefined {
  return value !== undefined && value.data.length === 1 ? value.data[0] : undefined;
}

/**
 * Rounds a computed number to what a tensor of `dtype` stores: float32 rounding, integer truncation with
 * two's-complement wrap for narrow types, 0/1 for bool. Keeps folded values equal to what onnxruntime computes.
 */
export function storeAs(dtype: number, x: number): number {
  switch (dtype) {
    case DataType.FLOAT:
      return Math.fround(x);
    case DataType.BOOL:
      return x !== 0 ? 1 : 0;
    case DataType.INT8:
      return (Math.trunc(x) << 24) >> 24;
    case DataType.UINT8:
      return Math.trunc(x) & 0xff;
    case DataType.INT16:
      return (Math.trunc(x) << 16) >> 16;
    case DataType.UINT16:
      return Math.trunc(x) & 0xffff;
    case DataType.INT32:
      return Number.isFinite(x) ? Math.trunc(x) | 0 : 0;
    case DataType.UINT32:
      return Number.isFinite(x) ? Math.trunc(x) >>> 0 : 0;
    case DataType.INT64:
    case DataType.UINT64:
      return Number.isFinite(x) ? Math.trunc(x) : x;
    default:
      return x;
  }
}
