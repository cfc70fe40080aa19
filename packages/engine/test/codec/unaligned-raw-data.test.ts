/**
 * raw_data is decoded zero-copy: a tensor's bytes are a view into the file at whatever offset protobuf put them, so a
 * float32 tensor may start at an odd address (DESIGN.md §4). `new Float32Array(view.buffer, view.byteOffset)` would
 * throw there; readAsFloat32 must copy first and still return the right values.
 */
import { describe, expect, it } from 'vitest';
import { attrTensor } from '../../src/ir/attributes.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { readAsFloat32, readAsNumbers } from '../../src/ir/tensor.ts';
import type { IrTensor } from '../../src/ir/types.ts';
import { decodeModelProto } from '../../src/onnx/decode.ts';
import { modelFromProto } from '../../src/onnx/proto-to-ir.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';

/** Reference decoding, one little-endian float at a time through a DataView (alignment-agnostic). */
function floatsViaDataView(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

function rawBytes(t: IrTensor): Uint8Array {
  if (t.data.kind !== 'raw') throw new Error(`Tensor '${t.name}' is not raw.`);
  return t.data.bytes;
}

describe('unaligned raw_data', () => {
  const cls = PADDLE_MODELS.find((m) => m.id === 'cls');
  if (cls === undefined) throw new Error('The PaddleOCR cls model is not listed.');
  const file = readPaddleModel(cls.file);
  const model = modelFromProto(decodeModelProto(file));
  const constants = model.graph.nodes
    .filter((n) => n.opType === 'Constant')
    .map((n) => attrTensor(n, 'value'))
    .filter((t): t is IrTensor => t !== undefined && t.dtype === DataType.FLOAT && t.data.kind === 'raw');
  const unaligned = constants.filter((t) => rawBytes(t).byteOffset % 4 !== 0);

  it('occurs in a real Paddle export: Constant float tensors that are views into the file at odd offsets', () => {
    const first = unaligned[0];
    if (first === undefined) throw new Error(`None of ${String(constants.length)} float Constant tensors is unaligned.`);
    const bytes = rawBytes(first);
    expect(bytes.buffer).toBe(file.buffer);
    expect(() => new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)).toThrow(RangeError);
  });

  it('reads every unaligned Paddle Constant tensor with readAsFloat32 to the right values', () => {
    expect(unaligned.length).toBeGreaterThan(100);
    for (const t of unaligned) expect(Array.from(readAsFloat32(t))).toEqual(floatsViaDataView(rawBytes(t)));
  });

  it('reads a constructed tensor at byte offset 1 correctly', () => {
    const values = Float32Array.of(1.5, -2.25, 3e-8, -0);
    const backing = new Uint8Array(1 + values.byteLength);
    backing.set(new Uint8Array(values.buffer), 1);
    const view = backing.subarray(1);
    const tensor: IrTensor = { name: 'odd', dtype: DataType.FLOAT, dims: [4], data: { kind: 'raw', bytes: view }, docString: '', metadataProps: [] };
    expect(view.byteOffset).toBe(1);
    expect(Array.from(readAsFloat32(tensor))).toEqual(Array.from(values));
  });

  it('reads a constructed int64 tensor at byte offset 3 with readAsNumbers', () => {
    const values = BigInt64Array.of(-5n, 1n << 40n);
    const backing = new Uint8Array(3 + values.byteLength);
    backing.set(new Uint8Array(values.buffer), 3);
    const tensor: IrTensor = { name: 'odd64', dtype: DataType.INT64, dims: [2], data: { kind: 'raw', bytes: backing.subarray(3) }, docString: '', metadataProps: [] };
    expect(readAsNumbers(tensor)).toEqual([-5, 2 ** 40]);
  });
});
