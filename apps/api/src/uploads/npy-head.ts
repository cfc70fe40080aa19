import { EngineError, EngineErrorCode, isEngineError, readNpy, type NpyDtype } from '@whittle/engine';

/** Headers longer than this are refused (numpy writes ~128 bytes; the engine accepts up to 1 MiB). */
const MAX_HEADER_BYTES = 64 * 1024;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;

const ITEM: Readonly<Record<string, { readonly dtype: NpyDtype; readonly size: number }>> = {
  f4: { dtype: 'float32', size: 4 },
  f8: { dtype: 'float64', size: 8 },
  i8: { dtype: 'int64', size: 8 },
  i4: { dtype: 'int32', size: 4 },
  u1: { dtype: 'uint8', size: 1 },
};

/** What an `.npy` file's header says. @public */
export interface NpyHead {
  readonly dtype: NpyDtype;
  readonly dims: readonly number[];
  /** Bytes before the data (magic, version, header). */
  readonly dataOffset: number;
  /** What the data section must hold: product(dims) × item size. */
  readonly dataBytes: number;
}

/**
 * How many leading bytes the header needs, from what has arrived: 12 to read the length field, then the whole
 * header (capped, so a claimed 4 GiB header is refused rather than awaited).
 * @public
 */
export function npyHeadLength(head: Uint8Array): number {
  // Not an NPY file at all: no need to wait for more before refusing it.
  if (head.byteLength >= MAGIC.length && MAGIC.some((byte, i) => head[i] !== byte)) return MAGIC.length;
  if (head.byteLength < 12) return 12;
  const major = head[6];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const length = major === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
  return Math.min(length, 12 + MAX_HEADER_BYTES);
}

/**
 * Validates an `.npy` header from the file's first bytes without its data: the engine's `readNpy` checks magic,
 * version, header syntax, dtype, byte order, C order and the size limit, and — given no data — fails only on the
 * data length, which is then known to be the one problem left. The dtype and dims are read from the header the
 * engine just accepted; the data length is checked by the caller once the file has streamed.
 * @throws EngineError with the engine's `ENGINE_ERR_DATA_*` code.
 * @public
 */
export function readNpyHead(head: Uint8Array, maxBytes: number): NpyHead {
  const dataOffset = npyHeadLength(head);
  if (dataOffset >= 12 + MAX_HEADER_BYTES) {
    throw new EngineError(EngineErrorCode.DataHeader, `The NPY header is longer than ${MAX_HEADER_BYTES} bytes.`);
  }
  const header = head.subarray(0, Math.min(dataOffset, head.byteLength));
  try {
    readNpy(header, { maxBytes });
  } catch (error) {
    if (!isEngineError(error) || error.code !== EngineErrorCode.DataSize) throw error;
  }
  const text = Buffer.from(header.subarray(head[6] === 1 ? 10 : 12)).toString('latin1');
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1] ?? '';
  const item = ITEM[descr.slice(1)];
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (item === undefined || shape === undefined) {
    throw new EngineError(EngineErrorCode.DataHeader, 'The NPY header has no readable descr or shape.');
  }
  const dims = shape
    .split(',')
    .map((dim) => dim.trim().replace(/L$/, ''))
    .filter((dim) => dim !== '')
    .map(Number);
  if (dims.some((dim) => !Number.isSafeInteger(dim))) {
    throw new EngineError(EngineErrorCode.DataHeader, 'An NPY dimension is not a safe integer.');
  }
  const dataBytes = dims.reduce((product, dim) => product * dim, 1) * item.size;
  return { dtype: item.dtype, dims, dataOffset, dataBytes };
}

/** Throws unless the file's size matches its header. @public */
export function checkNpySize(head: NpyHead, fileBytes: number): void {
  const actual = fileBytes - head.dataOffset;
  if (actual !== head.dataBytes) {
    throw new EngineError(
      EngineErrorCode.DataSize,
      `The NPY header says ${head.dtype}[${head.dims.join(',')}] (${head.dataBytes} bytes) but the file holds ${actual} data bytes.`,
    );
  }
}
