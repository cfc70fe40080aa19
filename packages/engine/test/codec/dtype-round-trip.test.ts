import { beforeAll, describe, expect, it } from 'vitest';
import { findAttribute } from '../../src/ir/attributes.ts';
import { decodeUtf8 } from '../../src/ir/utf8.ts';
import type { IrAttribute, IrModel, IrTensor } from '../../src/ir/types.ts';
import { installFastByteEquality } from '../helpers/byte-equality.ts';
import { BFLOAT_BITS, dtypeZooModel, FLOAT8_BITS, HALF_BITS, INT4_PACKED, INT64_MAX, INT64_MIN, STRINGS, UINT4_PACKED, UINT64_MAX } from './models/dtype-zoo.ts';
import { roundTrip } from './round-trip.ts';

beforeAll(installFastByteEquality);

function initializer(model: IrModel, name: string): IrTensor {
  const t = model.graph.initializers.find((x) => x.name === name);
  if (t === undefined) throw new Error(`No initializer '${name}'.`);
  return t;
}

function rawOf(t: IrTensor): Uint8Array {
  if (t.data.kind !== 'raw') throw new Error(`Tensor '${t.name}' holds ${t.data.kind} data.`);
  return t.data.bytes;
}

function everyAttribute(model: IrModel, name: string): IrAttribute {
  const holder = model.graph.nodes.find((n) => n.name === 'every_attribute');
  const attr = holder && findAttribute(holder, name);
  if (attr === undefined) throw new Error(`No attribute '${name}'.`);
  return attr;
}

/** Little-endian 16-bit words of a byte array. */
function words(bytes: Uint8Array): number[] {
  return Array.from({ length: bytes.byteLength / 2 }, (_, i) => (bytes[2 * i] ?? 0) | ((bytes[2 * i + 1] ?? 0) << 8));
}

function bigints(bytes: Uint8Array): bigint[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.byteLength / 8 }, (_, i) => view.getBigInt64(i * 8, true));
}

describe('dtypes through writeModel and back', () => {
  const written = dtypeZooModel();
  const read = roundTrip(written);

  it('round-trips float16 bit patterns unchanged (subnormals, infinities, NaN payload, -0)', () => {
    const t = initializer(read, 'f16');
    expect(t.dtype).toBe(10);
    expect(words(rawOf(t))).toEqual([...HALF_BITS]);
  });

  it('round-trips bfloat16 bit patterns unchanged', () => {
    const t = initializer(read, 'bf16');
    expect(t.dtype).toBe(16);
    expect(words(rawOf(t))).toEqual([...BFLOAT_BITS]);
  });

  it('round-trips packed int4 and uint4 bytes, odd element counts included', () => {
    expect(initializer(read, 'i4')).toMatchObject({ dtype: 22, dims: [5] });
    expect(Array.from(rawOf(initializer(read, 'i4')))).toEqual([...INT4_PACKED]);
    expect(initializer(read, 'u4')).toMatchObject({ dtype: 21, dims: [3] });
    expect(Array.from(rawOf(initializer(read, 'u4')))).toEqual([...UINT4_PACKED]);
  });

  it('round-trips 2-bit and float4 packed types', () => {
    expect(initializer(read, 'i2')).toStrictEqual(initializer(written, 'i2'));
    expect(initializer(read, 'f4')).toStrictEqual(initializer(written, 'f4'));
  });

  it('round-trips float8e4m3fn and float8e5m2 bytes', () => {
    expect(initializer(read, 'f8')).toMatchObject({ dtype: 17 });
    expect(Array.from(rawOf(initializer(read, 'f8')))).toEqual([...FLOAT8_BITS]);
    expect(initializer(read, 'f8e5m2')).toStrictEqual(initializer(written, 'f8e5m2'));
  });

  it('round-trips INT64_MAX and INT64_MIN in tensors and in INT / INTS attributes', () => {
    expect(bigints(rawOf(initializer(read, 'i64')))).toEqual([INT64_MAX, INT64_MIN, -1n, 0n]);
    expect(everyAttribute(read, 'i')).toMatchObject({ type: 'INT', value: INT64_MAX });
    expect(everyAttribute(read, 'ints')).toMatchObject({ type: 'INTS', value: [INT64_MIN, 0n, 1n] });
  });

  it('round-trips UINT64_MAX and UINT32_MAX', () => {
    const u64 = rawOf(initializer(read, 'u64'));
    expect(new DataView(u64.buffer, u64.byteOffset).getBigUint64(0, true)).toBe(UINT64_MAX);
    expect(Array.from(rawOf(initializer(read, 'u32')))).toEqual([255, 255, 255, 255]);
  });

  it('round-trips multi-byte UTF-8 strings in STRING tensors and STRINGS attributes', () => {
    const text = initializer(read, 'text');
    expect(text.data.kind === 'strings' ? text.data.values.map(decodeUtf8) : []).toEqual([...STRINGS]);
    const attr = everyAttribute(read, 'strings');
    expect(attr.type === 'STRINGS' ? attr.value.map(decodeUtf8) : []).toEqual([...STRINGS]);
  });

  it('keeps the dims of empty and scalar tensors', () => {
    expect(initializer(read, 'empty')).toMatchObject({ dims: [0, 3], data: { kind: 'raw' } });
    expect(rawOf(initializer(read, 'empty')).byteLength).toBe(0);
    expect(initializer(read, 'scalar')).toStrictEqual(initializer(written, 'scalar'));
  });

  it('round-trips one attribute of every AttributeProto type', () => {
    const holder = read.graph.nodes.find((n) => n.name === 'every_attribute');
    expect(holder?.attributes.map((a) => a.type)).toEqual([
      'FLOAT', 'INT', 'STRING', 'TENSOR', 'GRAPH', 'SPARSE_TENSOR', 'TYPE_PROTO',
      'FLOATS', 'INTS', 'STRINGS', 'TENSORS', 'GRAPHS', 'SPARSE_TENSORS', 'TYPE_PROTOS',
    ]);
    expect(holder).toStrictEqual(written.graph.nodes.find((n) => n.name === 'every_attribute'));
  });

  it('round-trips Constant node tensors of packed and string types', () => {
    const constants = read.graph.nodes.filter((n) => n.opType === 'Constant');
    expect(constants).toStrictEqual(written.graph.nodes.filter((n) => n.opType === 'Constant'));
    expect(constants).toHaveLength(3);
  });
});
