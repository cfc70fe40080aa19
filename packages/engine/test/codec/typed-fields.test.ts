/**
 * Exporters may store tensor values in the typed fields (float_data, int32_data, int64_data, double_data,
 * uint64_data) instead of raw_data. The reader converts them to raw little-endian bytes; these tests build such
 * protos by hand and check that every value survives, and that onnxruntime agrees.
 */
import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProtoSchema, type ModelProto } from 'onnx-buf';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataType } from '../../src/ir/dtype.ts';
import { readAsFloat32, readAsNumbers } from '../../src/ir/tensor.ts';
import type { IrTensor } from '../../src/ir/types.ts';
import { decodeModelProto } from '../../src/onnx/decode.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { modelFromProto } from '../../src/onnx/proto-to-ir.ts';
import type { HostTensorType } from '../../src/runtime/inference-runtime.ts';
import { installFastByteEquality } from '../helpers/byte-equality.ts';
import { expectTensorsIdentical } from '../helpers/expect-tensors-close.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { runBytes } from '../helpers/run-model.ts';
import { INT64_MAX, INT64_MIN, UINT64_MAX } from './models/dtype-zoo.ts';

beforeAll(installFastByteEquality);

type TensorInit = MessageInitShape<typeof TensorProtoSchema>;

interface TypedCase {
  readonly name: string;
  readonly init: TensorInit;
  /** The raw little-endian bytes the typed values stand for. */
  readonly raw: ArrayBufferView;
  /** How onnxruntime returns the tensor; undefined where it cannot be fetched as an output (int4, float8). */
  readonly ortType: HostTensorType | undefined;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

const CASES: readonly TypedCase[] = [
  { name: 'float_data', init: { dataType: DataType.FLOAT, dims: [4n], floatData: [1.5, -0, NaN, -Infinity] }, raw: Float32Array.of(1.5, -0, NaN, -Infinity), ortType: 'float32' },
  { name: 'float16_in_int32_data', init: { dataType: DataType.FLOAT16, dims: [4n], int32Data: [0x3c00, 0x7c00, 0x0001, 0xfe00] }, raw: Uint16Array.of(0x3c00, 0x7c00, 0x0001, 0xfe00), ortType: 'float16' },
  { name: 'bfloat16_in_int32_data', init: { dataType: DataType.BFLOAT16, dims: [2n], int32Data: [0x3f80, 0xc000] }, raw: Uint16Array.of(0x3f80, 0xc000), ortType: undefined },
  { name: 'int8_in_int32_data', init: { dataType: DataType.INT8, dims: [3n], int32Data: [-128, -1, 127] }, raw: Int8Array.of(-128, -1, 127), ortType: 'int8' },
  { name: 'uint8_in_int32_data', init: { dataType: DataType.UINT8, dims: [2n], int32Data: [0, 255] }, raw: Uint8Array.of(0, 255), ortType: 'uint8' },
  { name: 'int16_in_int32_data', init: { dataType: DataType.INT16, dims: [2n], int32Data: [-32768, 32767] }, raw: Int16Array.of(-32768, 32767), ortType: 'int16' },
  { name: 'uint16_in_int32_data', init: { dataType: DataType.UINT16, dims: [1n], int32Data: [65535] }, raw: Uint16Array.of(65535), ortType: 'uint16' },
  { name: 'bool_in_int32_data', init: { dataType: DataType.BOOL, dims: [3n], int32Data: [1, 0, 1] }, raw: Uint8Array.of(1, 0, 1), ortType: 'bool' },
  { name: 'int32_data', init: { dataType: DataType.INT32, dims: [2n], int32Data: [-2147483648, 2147483647] }, raw: Int32Array.of(-2147483648, 2147483647), ortType: 'int32' },
  { name: 'int64_data', init: { dataType: DataType.INT64, dims: [3n], int64Data: [INT64_MAX, INT64_MIN, -1n] }, raw: BigInt64Array.of(INT64_MAX, INT64_MIN, -1n), ortType: 'int64' },
  { name: 'uint32_in_uint64_data', init: { dataType: DataType.UINT32, dims: [1n], uint64Data: [0xffffffffn] }, raw: Uint32Array.of(0xffffffff), ortType: 'uint32' },
  { name: 'uint64_data', init: { dataType: DataType.UINT64, dims: [1n], uint64Data: [UINT64_MAX] }, raw: BigUint64Array.of(UINT64_MAX), ortType: 'uint64' },
  { name: 'double_data', init: { dataType: DataType.DOUBLE, dims: [2n], doubleData: [Math.PI, -Infinity] }, raw: Float64Array.of(Math.PI, -Infinity), ortType: 'float64' },
  { name: 'float8_in_int32_data', init: { dataType: DataType.FLOAT8E4M3FN, dims: [2n], int32Data: [0x38, 0x7f] }, raw: Uint8Array.of(0x38, 0x7f), ortType: undefined },
  { name: 'int4_packed_in_int32_data', init: { dataType: DataType.INT4, dims: [5n], int32Data: [0xf8, 0x30, 0x07] }, raw: Uint8Array.of(0xf8, 0x30, 0x07), ortType: undefined },
  { name: 'complex64_in_float_data', init: { dataType: DataType.COMPLEX64, dims: [1n], floatData: [1, -2] }, raw: Float32Array.of(1, -2), ortType: undefined },
];

/** One initializer per case; each ORT-fetchable one feeds an Identity so the runtime returns it as an output. */
function typedFieldModel(cases: readonly TypedCase[]): ModelProto {
  const runnable = cases.filter((c) => c.ortType !== undefined);
  return create(ModelProtoSchema, {
    irVersion: 10n,
    opsetImport: [{ domain: '', version: 21n }],
    graph: {
      name: 'typed_fields',
      initializer: cases.map((c) => create(TensorProtoSchema, { ...c.init, name: c.name })),
      node: runnable.map((c) => ({ input: [c.name], output: [`${c.name}_out`], opType: 'Identity' })),
      output: runnable.map((c) => ({
        name: `${c.name}_out`,
        type: { value: { case: 'tensorType' as const, value: { elemType: c.init.dataType ?? 0 } } },
      })),
    },
  });
}

function initializer(tensors: readonly IrTensor[], name: string): IrTensor {
  const t = tensors.find((x) => x.name === name);
  if (t === undefined) throw new Error(`No initializer '${name}'.`);
  return t;
}

describe('typed value fields', () => {
  const proto = typedFieldModel(CASES);
  const ir = modelFromProto(decodeModelProto(toBinary(ModelProtoSchema, proto)));

  it.each(CASES)('converts $name to the equivalent raw bytes', (c) => {
    const t = initializer(ir.graph.initializers, c.name);
    expect(t.data).toStrictEqual({ kind: 'raw', bytes: bytesOf(c.raw) });
  });

  it('keeps float_data values readable, including -0, NaN and -Infinity', () => {
    const values = Array.from(readAsFloat32(initializer(ir.graph.initializers, 'float_data')));
    expect(values).toEqual([1.5, -0, NaN, -Infinity]);
    expect(Object.is(values[1], -0)).toBe(true);
  });

  it('keeps int8 negatives and int64 extremes readable', () => {
    expect(readAsNumbers(initializer(ir.graph.initializers, 'int8_in_int32_data'))).toEqual([-128, -1, 127]);
    expect(readAsNumbers(initializer(ir.graph.initializers, 'int64_data'))).toEqual([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -1]);
  });

  it('writes the converted tensors back as raw_data only', () => {
    const rewritten = decodeModelProto(writeModel(ir));
    for (const t of rewritten.graph?.initializer ?? []) {
      expect({ name: t.name, raw: t.rawData.byteLength > 0 }).toEqual({ name: t.name, raw: true });
      expect([t.floatData.length, t.int32Data.length, t.int64Data.length, t.doubleData.length, t.uint64Data.length]).toEqual([0, 0, 0, 0, 0]);
    }
    expect(modelFromProto(rewritten)).toStrictEqual(ir);
  });

  it('gives onnxruntime the same values as the typed-field original (bitwise)', async () => {
    const original = await runBytes(toBinary(ModelProtoSchema, proto), {});
    const rewritten = await runBytes(writeModel(ir), {});
    const runnable = CASES.filter((c) => c.ortType !== undefined);
    expect(Object.keys(rewritten)).toHaveLength(runnable.length);
    for (const c of runnable) {
      const name = `${c.name}_out`;
      expect({ name, type: outputNamed(rewritten, name).type }).toEqual({ name, type: c.ortType });
      expectTensorsIdentical(outputNamed(rewritten, name), outputNamed(original, name));
    }
  });
});
