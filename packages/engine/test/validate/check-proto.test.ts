import { create } from '@bufbuild/protobuf';
import { TensorProtoSchema, type TensorProto } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { EngineError, EngineErrorCode } from '../../src/errors.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { modelToProto } from '../../src/onnx/ir-to-proto.ts';
import { readModel } from '../../src/onnx/read.ts';
import { checkModelProto } from '../../src/validate/check-proto.ts';
import { DEFAULT_LIMITS, resolveLimits, type ModelLimits } from '../../src/validate/limits.ts';
import { exceedsUtf8, utf8ByteLength } from '../../src/validate/string-size.ts';
import { baseModel, crafted, graphOf, initializerW, makeExternal } from '../bad-inputs/craft.ts';

/** Checks the base model with one extra initializer. */
function withInitializer(t: TensorProto, limits: ModelLimits = DEFAULT_LIMITS): string {
  const proto = modelToProto(baseModel());
  graphOf(proto).initializer.push(t);
  try {
    checkModelProto(proto, limits);
    return 'accepted';
  } catch (error) {
    if (error instanceof EngineError) return error.code;
    throw error;
  }
}

function tensor(init: Parameters<typeof create<typeof TensorProtoSchema>>[1]): TensorProto {
  return create(TensorProtoSchema, { name: 't', ...init });
}

describe('checkModelProto: tensor encodings exporters really use', () => {
  it.each([
    ['float32 in float_data', tensor({ dataType: DataType.FLOAT, dims: [2n, 2n], floatData: [1, 2, 3, 4] })],
    ['int64 in int64_data', tensor({ dataType: DataType.INT64, dims: [3n], int64Data: [1n, 2n, 3n] })],
    ['float16 in int32_data (one per entry)', tensor({ dataType: DataType.FLOAT16, dims: [2n], int32Data: [0x3c00, 0x4000] })],
    ['int4 in int32_data (two per entry, rounded up)', tensor({ dataType: DataType.INT4, dims: [3n], int32Data: [0x21, 0x03] })],
    ['int4 in raw_data (packed, rounded up)', tensor({ dataType: DataType.INT4, dims: [5n], rawData: new Uint8Array(3) })],
    ['uint2 in raw_data (four per byte)', tensor({ dataType: DataType.UINT2, dims: [5n], rawData: new Uint8Array(2) })],
    ['complex64 in float_data (two per element)', tensor({ dataType: DataType.COMPLEX64, dims: [2n], floatData: [1, 0, 0, 1] })],
    ['uint32 in uint64_data', tensor({ dataType: DataType.UINT32, dims: [2n], uint64Data: [1n, 2n] })],
    ['float64 in double_data', tensor({ dataType: DataType.DOUBLE, dims: [1n], doubleData: [0.5] })],
    ['bool in raw_data', tensor({ dataType: DataType.BOOL, dims: [3n], rawData: Uint8Array.from([1, 0, 1]) })],
    ['a string tensor', tensor({ dataType: DataType.STRING, dims: [2n], stringData: [Uint8Array.from([0x61]), new Uint8Array(0)] })],
    ['a zero-element tensor with no data', tensor({ dataType: DataType.FLOAT, dims: [0n, 3n] })],
    ['a scalar in raw_data', tensor({ dataType: DataType.FLOAT, dims: [], rawData: new Uint8Array(4) })],
  ])('accepts %s', (_, t) => {
    expect(withInitializer(t)).toBe('accepted');
  });

  it('reads typed-field tensors into the same IR bytes as raw_data', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      w.rawData = new Uint8Array(0);
      w.floatData = [1, 2, 3, 4, 5, 6];
    });
    const w = readModel(bytes).graph.initializers[0];
    expect(w?.data.kind === 'raw' ? Array.from(new Float32Array(w.data.bytes.slice().buffer)) : undefined).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('accepts an external tensor with location, offset, length and checksum', () => {
    const bytes = crafted((proto) => { makeExternal(initializerW(proto), [
        ['location', 'weights/w.bin'],
        ['offset', '4096'],
        ['length', '24'],
        ['checksum', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
      ]); },
    );
    const w = readModel(bytes).graph.initializers[0];
    expect(w?.data).toMatchObject({ kind: 'external', location: 'weights/w.bin', offset: 4096, length: 24 });
  });

  it('refuses an int4 int32_data that holds one element per entry instead of two', () => {
    expect(withInitializer(tensor({ dataType: DataType.INT4, dims: [4n], int32Data: [1, 2, 3, 4] }))).toBe(EngineErrorCode.TensorDataLength);
  });

  it('refuses raw_data on a string tensor', () => {
    expect(withInitializer(tensor({ dataType: DataType.STRING, dims: [1n], rawData: Uint8Array.from([0x61]) }))).toBe(EngineErrorCode.TensorDataField);
  });

  it('refuses a string tensor stored externally', () => {
    const t = tensor({ dataType: DataType.STRING, dims: [1n] });
    makeExternal(t, [['location', 'w.bin']]);
    expect(withInitializer(t)).toBe(EngineErrorCode.TensorDataField);
  });

  it('refuses a tensor segment', () => {
    expect(withInitializer(tensor({ dataType: DataType.FLOAT, dims: [1n], rawData: new Uint8Array(4), segment: { begin: 0n, end: 1n } }))).toBe(
      EngineErrorCode.TensorDataField,
    );
  });
});

describe('checkModelProto: limits are inclusive', () => {
  it('accepts a tensor of exactly maxTensorElements and maxTensorBytes', () => {
    const t = tensor({ dataType: DataType.FLOAT, dims: [4n], rawData: new Uint8Array(16) });
    expect(withInitializer(t, resolveLimits({ maxTensorElements: 6n, maxTensorBytes: 24n }))).toBe('accepted');
    expect(withInitializer(t, resolveLimits({ maxTensorElements: 3n }))).toBe(EngineErrorCode.TensorTooLarge);
  });

  it('accepts a name of exactly maxNameBytes bytes', () => {
    const proto = modelToProto(baseModel());
    const node = graphOf(proto).node[0];
    if (node) node.name = 'é'.repeat(32); // 64 bytes
    expect(() => { checkModelProto(proto, resolveLimits({ maxNameBytes: 64 })); }).not.toThrow();
    expect(() => { checkModelProto(proto, resolveLimits({ maxNameBytes: 63 })); }).toThrow(/64 bytes; expected at most 63/);
  });
});

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['a😀b', 6],
    ['\ud800', 3], // a lone surrogate encodes as U+FFFD
  ])('measures %j as %i bytes', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it('decides by length alone when it can', () => {
    expect(exceedsUtf8('x'.repeat(11), 10)).toBe(true);
    expect(exceedsUtf8('€'.repeat(3), 9)).toBe(false);
    expect(exceedsUtf8('€'.repeat(4), 11)).toBe(true);
  });
});
