/**
 * Byte-level slicing and zeroing of constant tensors along axes. Works on raw little-endian bytes, so every dtype of
 * whole bytes is handled alike and unaligned `raw_data` views are never viewed as typed arrays.
 */
import { EngineError, EngineErrorCode } from '../errors.ts';
import { dataTypeInfo, dataTypeName } from '../ir/dtype.ts';
import type { IrTensor } from '../ir/types.ts';

/**
 * Per axis: the indices of that axis to act on, ascending and in range.
 * @internal
 */
export type AxisIndices = ReadonlyMap<number, readonly number[]>;

/**
 * Bytes per element of a tensor that can be sliced, or a refusal: sub-byte types (int4, uint2, float4) pack several
 * elements into a byte, strings have no fixed size, and external data has not been loaded.
 */
function elementBytes(tensor: IrTensor, what: string): number {
  const name = tensor.name === '' ? 'a Constant value' : `'${tensor.name}'`;
  if (tensor.data.kind !== 'raw') {
    throw new EngineError(
      EngineErrorCode.Unsupported,
      `Cannot ${what} tensor ${name}: it holds ${tensor.data.kind} data; expected raw bytes (load external data first).`,
      tensor.name,
    );
  }
  const bits = dataTypeInfo(tensor.dtype)?.bits ?? 0;
  if (bits < 8 || bits % 8 !== 0) {
    throw new EngineError(
      EngineErrorCode.Unsupported,
      `Cannot ${what} tensor ${name} of ${dataTypeName(tensor.dtype)}: only whole-byte element types are sliced, not packed sub-byte types.`,
      tensor.name,
    );
  }
  return bits / 8;
}

function product(dims: readonly number[], from: number, to: number): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= dims[i] ?? 1;
  return n;
}

/** Keeps `kept` indices of one axis (byte copy of contiguous runs). */
function sliceAxis(bytes: Uint8Array, dims: readonly number[], axis: number, kept: readonly number[], width: number): Uint8Array {
  const outer = product(dims, 0, axis);
  const size = dims[axis] ?? 1;
  const inner = product(dims, axis + 1, dims.length) * width;
  const out = new Uint8Array(outer * kept.length * inner);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * size * inner;
    for (const k of kept) {
      const from = base + k * inner;
      out.set(bytes.subarray(from, from + inner), at);
      at += inner;
    }
  }
  return out;
}

function checkIndices(tensor: IrTensor, axis: number, indices: readonly number[]): void {
  const size = tensor.dims[axis];
  if (size === undefined || indices.some((i, n) => !Number.isInteger(i) || i < 0 || i >= size || (n > 0 && i <= (indices[n - 1] ?? -1)))) {
    throw new EngineError(
      EngineErrorCode.PlanInvalid,
      `Indices for axis ${String(axis)} of tensor '${tensor.name}' [${tensor.dims.join(',')}] must be ascending and below ${String(size)}.`,
      tensor.name,
    );
  }
}

/**
 * A new tensor holding only the `kept` indices along each listed axis (axes not listed are kept whole).
 *
 * Pre-conditions: raw data of a whole-byte dtype; per axis, ascending in-range indices.
 * Post-conditions: same name, dtype, doc and metadata; dims shrink on the listed axes; the input is not modified.
 * @throws EngineError `ENGINE_ERR_UNSUPPORTED` for external, string or sub-byte data.
 * @internal
 */
export function sliceTensor(tensor: IrTensor, kept: AxisIndices): IrTensor {
  const width = elementBytes(tensor, 'slice');
  let dims = [...tensor.dims];
  let bytes = tensor.data.kind === 'raw' ? tensor.data.bytes : new Uint8Array(0);
  for (const [axis, indices] of [...kept].sort((a, b) => a[0] - b[0])) {
    checkIndices(tensor, axis, indices);
    if (indices.length === dims[axis]) continue;
    bytes = sliceAxis(bytes, dims, axis, indices, width);
    dims = dims.map((d, i) => (i === axis ? indices.length : d));
  }
  if (dims.every((d, i) => d === tensor.dims[i])) return tensor;
  return { ...tensor, dims, data: { kind: 'raw', bytes } };
}

/**
 * A new tensor whose elements are zero wherever the index along a listed axis is in that axis's `zeroed` list
 * (all-zero bytes: +0 for floats, 0 for integers). Dims are unchanged — the soft form of `sliceTensor`.
 *
 * Pre-conditions and errors as for `sliceTensor`. Post-conditions: the input is not modified.
 * @internal
 */
export function zeroTensor(tensor: IrTensor, zeroed: AxisIndices): IrTensor {
  const width = elementBytes(tensor, 'mask');
  if ([...zeroed.values()].every((list) => list.length === 0)) return tensor;
  const source = tensor.data.kind === 'raw' ? tensor.data.bytes : new Uint8Array(0);
  const bytes = source.slice();
  const dims = tensor.dims;
  for (const [axis, indices] of zeroed) {
    checkIndices(tensor, axis, indices);
    const outer = product(dims, 0, axis);
    const size = dims[axis] ?? 1;
    const inner = product(dims, axis + 1, dims.length) * width;
    for (let o = 0; o < outer; o++) {
      for (const k of indices) {
        const from = (o * size + k) * inner;
        bytes.fill(0, from, from + inner);
      }
    }
  }
  return { ...tensor, data: { kind: 'raw', bytes } };
}
