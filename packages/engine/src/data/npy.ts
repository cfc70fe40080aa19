/**
 * A minimal reader for NumPy's `.npy` format (format versions 1.0, 2.0 and 3.0, as `numpy.lib.format` writes them).
 *
 * Layout: the magic string `\x93NUMPY`, one byte major and one byte minor version, the header length (uint16 LE in
 * 1.0, uint32 LE in 2.0 and 3.0), then the header — a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and ending in `\n` — then the
 * array data. The reader works on bytes only (platform-free); callers read files.
 *
 * Read: little-endian (or byte-order-free) float32, float64, int64, int32 and uint8 in C order.
 * Refused, each with a stable `ENGINE_ERR_DATA_*` code: a bad magic string, other versions, malformed or truncated
 * headers, Fortran order, big-endian data, object arrays and other dtypes, data whose length disagrees with the
 * header (checked in BigInt before anything is allocated), and arrays above `maxBytes`.
 */
import { EngineError, EngineErrorCode } from '../errors.ts';
import { decodeUtf8 } from '../ir/utf8.ts';

/** Element types the reader supports, by their HostTensor names. @public */
export type NpyDtype = 'float32' | 'float64' | 'int64' | 'int32' | 'uint8';

/** A decoded array. `data` is an aligned copy of the file's values. @public */
export interface NpyArray {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  readonly data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;
}

/** @public */
export interface ReadNpyOptions {
  /** Largest data section accepted, in bytes (default 1 GiB). */
  readonly maxBytes?: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;
const DEFAULT_MAX_BYTES = 2 ** 30;
/** numpy caps headers well below this; a larger claim is a lie or an attack. */
const MAX_HEADER_BYTES = 1 << 20;

const DTYPES: Readonly<Record<string, { readonly dtype: NpyDtype; readonly size: number }>> = {
  f4: { dtype: 'float32', size: 4 },
  f8: { dtype: 'float64', size: 8 },
  i8: { dtype: 'int64', size: 8 },
  i4: { dtype: 'int32', size: 4 },
  u1: { dtype: 'uint8', size: 1 },
};

function fail(code: EngineErrorCode, message: string): never {
  throw new EngineError(code, message);
}

/** Reads an `.npy` file's bytes. @throws EngineError with an `ENGINE_ERR_DATA_*` code. @public */
export function readNpy(bytes: Uint8Array, options: ReadNpyOptions = {}): NpyArray {
  if (bytes.byteLength < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail(EngineErrorCode.DataNotNpy, `Not an NPY file: expected the magic string \\x93NUMPY at the start, found ${describeStart(bytes)}.`);
  }
  const major = bytes[6] ?? 0;
  const minor = bytes[7] ?? 0;
  if (![1, 2, 3].includes(major) || minor !== 0) {
    fail(EngineErrorCode.DataVersion, `NPY format version ${String(major)}.${String(minor)} is not supported; expected 1.0, 2.0 or 3.0.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.byteLength < 8 + lengthBytes) fail(EngineErrorCode.DataHeader, 'The NPY header length field is truncated.');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lengthBytes;
  if (headerLength > MAX_HEADER_BYTES) {
    fail(EngineErrorCode.DataHeader, `The NPY header claims ${String(headerLength)} bytes; at most ${String(MAX_HEADER_BYTES)} are accepted.`);
  }
  if (headerStart + headerLength > bytes.byteLength) {
    fail(
      EngineErrorCode.DataHeader,
      `The NPY header claims ${String(headerLength)} bytes but the file has ${String(bytes.byteLength - headerStart)} after the length field.`,
    );
  }
  const headerBytes = bytes.subarray(headerStart, headerStart + headerLength);
  // Versions 1.0 and 2.0 headers are latin-1 (in practice ASCII); 3.0 is UTF-8.
  if (major < 3 && headerBytes.some((b) => b > 0x7e)) fail(EngineErrorCode.DataHeader, 'The NPY header has non-ASCII bytes (only version 3.0 allows UTF-8).');
  const header = parseHeader(decodeUtf8(headerBytes));
  const dataStart = headerStart + headerLength;

  const descr = header.descr;
  const order = descr[0] ?? '';
  const code = descr.slice(1);
  if (code === 'O' || descr === 'O') {
    fail(EngineErrorCode.DataDtype, `NPY object arrays ('${descr}') are refused: they hold pickled Python objects.`);
  }
  const info = DTYPES[code];
  if (order === '>' && info !== undefined && info.size > 1) {
    fail(EngineErrorCode.DataBigEndian, `The NPY array is big-endian ('${descr}'); only little-endian data is read.`);
  }
  const orderOk = info !== undefined && (order === '<' || ((order === '|' || order === '=' || order === '>') && info.size === 1));
  if (info === undefined || !orderOk) {
    fail(EngineErrorCode.DataDtype, `NPY dtype '${descr}' is not supported; expected one of '<f4', '<f8', '<i8', '<i4', '|u1'.`);
  }
  if (header.fortranOrder) {
    fail(EngineErrorCode.DataFortranOrder, 'The NPY array is stored in Fortran order; save it in C order (numpy.ascontiguousarray).');
  }

  const count = header.shape.reduce((a, d) => a * d, 1n);
  const expected = count * BigInt(info.size);
  const maxBytes = BigInt(options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (expected > maxBytes) {
    fail(EngineErrorCode.DataTooLarge, `The NPY array needs ${expected.toString()} bytes; at most ${maxBytes.toString()} are accepted.`);
  }
  const actual = BigInt(bytes.byteLength - dataStart);
  if (actual !== expected) {
    fail(
      EngineErrorCode.DataSize,
      `The NPY header says ${info.dtype}[${header.shape.join(',')}] (${expected.toString()} bytes) but the file holds ${actual.toString()} data bytes.`,
    );
  }
  const copy = new Uint8Array(Number(expected));
  copy.set(bytes.subarray(dataStart));
  const shape = header.shape.map(Number);
  switch (info.dtype) {
    case 'float32':
      return { dtype: info.dtype, shape, data: new Float32Array(copy.buffer) };
    case 'float64':
      return { dtype: info.dtype, shape, data: new Float64Array(copy.buffer) };
    case 'int64':
      return { dtype: info.dtype, shape, data: new BigInt64Array(copy.buffer) };
    case 'int32':
      return { dtype: info.dtype, shape, data: new Int32Array(copy.buffer) };
    case 'uint8':
      return { dtype: info.dtype, shape, data: copy };
  }
}

function describeStart(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return 'an empty file';
  return Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

interface NpyHeader {
  readonly descr: string;
  readonly fortranOrder: boolean;
  readonly shape: readonly bigint[];
}

/**
 * Parses the header dict literal. Only what numpy writes is accepted: single- or double-quoted string keys, a string
 * `descr`, `True`/`False` for `fortran_order`, and a tuple of non-negative integers for `shape`; each key once.
 */
function parseHeader(text: string): NpyHeader {
  const p = new HeaderParser(text);
  p.skipSpace();
  p.expect('{');
  let descr: string | undefined;
  let fortranOrder: boolean | undefined;
  let shape: bigint[] | undefined;
  const seen = new Set<string>();
  p.skipSpace();
  while (!p.peek('}')) {
    const key = p.string();
    if (seen.has(key)) p.error(`the key '${key}' appears twice`);
    seen.add(key);
    p.skipSpace();
    p.expect(':');
    p.skipSpace();
    if (key === 'descr') {
      if (!p.peek("'") && !p.peek('"')) p.error(`'descr' is not a plain string (structured dtypes are not supported)`);
      descr = p.string();
    } else if (key === 'fortran_order') fortranOrder = p.bool();
    else if (key === 'shape') shape = p.tuple();
    else p.error(`unexpected key '${key}'`);
    p.skipSpace();
    if (p.peek(',')) {
      p.expect(',');
      p.skipSpace();
    } else if (!p.peek('}')) p.error(`expected ',' or '}'`);
  }
  p.expect('}');
  p.skipSpace();
  if (!p.atEnd()) p.error('unexpected text after the closing brace');
  if (descr === undefined) return p.error("missing 'descr'");
  if (fortranOrder === undefined) return p.error("missing 'fortran_order'");
  if (shape === undefined) return p.error("missing 'shape'");
  return { descr, fortranOrder, shape };
}

class HeaderParser {
  #pos = 0;
  constructor(private readonly text: string) {}

  error(what: string): never {
    fail(EngineErrorCode.DataHeader, `Malformed NPY header at character ${String(this.#pos)}: ${what}.`);
  }
  atEnd(): boolean {
    return this.#pos >= this.text.length;
  }
  peek(s: string): boolean {
    return this.text.startsWith(s, this.#pos);
  }
  expect(s: string): void {
    if (!this.peek(s)) this.error(`expected '${s}'`);
    this.#pos += s.length;
  }
  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.#pos] ?? '')) this.#pos++;
  }
  string(): string {
    const quote = this.text[this.#pos];
    if (quote !== "'" && quote !== '"') this.error('expected a quoted string');
    const end = this.text.indexOf(quote, this.#pos + 1);
    if (end < 0) this.error('unterminated string');
    const value = this.text.slice(this.#pos + 1, end);
    if (value.includes('\\')) this.error('escape sequences are not supported');
    this.#pos = end + 1;
    return value;
  }
  bool(): boolean {
    if (this.peek('True')) {
      this.#pos += 4;
      return true;
    }
    if (this.peek('False')) {
      this.#pos += 5;
      return false;
    }
    return this.error('expected True or False');
  }
  tuple(): bigint[] {
    this.expect('(');
    const dims: bigint[] = [];
    this.skipSpace();
    while (!this.peek(')')) {
      const match = /^\d{1,19}/.exec(this.text.slice(this.#pos));
      if (match === null) this.error('expected a non-negative integer dimension');
      dims.push(BigInt(match[0]));
      this.#pos += match[0].length;
      if (this.peek('L')) this.#pos++;
      this.skipSpace();
      if (this.peek(',')) {
        this.#pos++;
        this.skipSpace();
      } else if (!this.peek(')')) this.error(`expected ',' or ')' in the shape`);
    }
    this.expect(')');
    return dims;
  }
}
