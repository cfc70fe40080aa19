/** Builds `.npy` bytes in tests: valid files the way numpy writes them, and deliberately broken ones. */

export interface NpyParts {
  readonly descr?: string;
  readonly fortranOrder?: boolean;
  readonly shape?: readonly number[];
  /** The data section, as bytes. */
  readonly data: Uint8Array;
  readonly version?: 1 | 2 | 3;
  /** Replaces the whole header dict text. */
  readonly header?: string;
  /** Replaces the header length field's value. */
  readonly headerLength?: number;
}

function asBytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'utf8'));
}

/** numpy's layout: magic, version, header length, the dict padded with spaces to a multiple of 64, '\n', data. */
export function npyBytes(parts: NpyParts): Uint8Array {
  const version = parts.version ?? 1;
  const shape = parts.shape ?? [];
  const shapeText = shape.length === 1 ? `(${String(shape[0])},)` : `(${shape.join(', ')})`;
  const dict = parts.header ?? `{'descr': '${parts.descr ?? '<f4'}', 'fortran_order': ${parts.fortranOrder === true ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  const unpadded = prefix + asBytes(dict).length + 1;
  const padded = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const header = asBytes(padded);
  const out = new Uint8Array(prefix + header.length + parts.data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  const length = parts.headerLength ?? header.length;
  if (version === 1) view.setUint16(8, length, true);
  else view.setUint32(8, length, true);
  out.set(header, prefix);
  out.set(parts.data, prefix + header.length);
  return out;
}

export function bytesOf(values: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
}

/** A float32 array as numpy would save it. */
export function float32Npy(shape: readonly number[], values: readonly number[]): Uint8Array {
  return npyBytes({ descr: '<f4', shape, data: bytesOf(Float32Array.from(values)) });
}
