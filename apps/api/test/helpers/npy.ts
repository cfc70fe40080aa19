/** An `.npy` file (format 1.0) as numpy writes it: magic, version, padded header dict, C-order little-endian data. */
export function npyBytes(descr: string, shape: readonly number[], data: Uint8Array, options: { fortran?: boolean; headerOverride?: string } = {}): Buffer {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = options.headerOverride ?? `{'descr': '${descr}', 'fortran_order': ${options.fortran === true ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), Buffer.from(data)]);
}

/** float32 values as little-endian bytes. */
export function float32(values: readonly number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}
