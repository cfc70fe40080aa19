import { create, toBinary } from '@bufbuild/protobuf';
import {
  AttributeProto_AttributeType as AttrType,
  ModelProtoSchema,
  TensorProto_DataType,
  type ModelProto,
} from 'onnx-buf';
import { beforeAll, describe, expect, it } from 'vitest';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { expectBytesEqual, installFastByteEquality } from '../helpers/byte-equality.ts';
import { runBytes } from '../helpers/run-model.ts';
import { expectTensorsClose } from '../helpers/expect-tensors-close.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { scaleByFunction } from './models/structure-zoo.ts';
import { decodeToIr } from './round-trip.ts';

beforeAll(installFastByteEquality);

/** A model with a local function whose body refers to caller attributes, written the way onnx's helpers write it. */
function protoWithReferenceAttributes(): ModelProto {
  const floatType = { value: { case: 'tensorType' as const, value: { elemType: TensorProto_DataType.FLOAT } } };
  return create(ModelProtoSchema, {
    irVersion: 10n,
    opsetImport: [
      { domain: '', version: 17n },
      { domain: 'local', version: 1n },
    ],
    graph: {
      name: 'g',
      node: [
        {
          input: ['x'],
          output: ['y'],
          opType: 'AddConstants',
          domain: 'local',
          attribute: [
            { name: 'alpha', type: AttrType.FLOAT, f: 2 },
            { name: 'addend', type: AttrType.TENSOR, t: { dims: [], dataType: TensorProto_DataType.FLOAT, rawData: new Uint8Array(new Float32Array([0.25]).buffer) } },
          ],
        },
      ],
      input: [{ name: 'x', type: floatType }],
      output: [{ name: 'y', type: floatType }],
    },
    functions: [
      {
        name: 'AddConstants',
        domain: 'local',
        input: ['X'],
        output: ['Y'],
        attribute: ['alpha', 'addend'],
        node: [
          { output: ['a'], opType: 'Constant', attribute: [{ name: 'value_float', refAttrName: 'alpha', type: AttrType.FLOAT }] },
          { output: ['t'], opType: 'Constant', attribute: [{ name: 'value', refAttrName: 'addend', type: AttrType.TENSOR }] },
          { input: ['X', 'a'], output: ['s'], opType: 'Add' },
          { input: ['s', 't'], output: ['Y'], opType: 'Add' },
        ],
        opsetImport: [{ domain: '', version: 17n }],
      },
    ],
  });
}

describe('model-local functions with ref_attr_name attributes', () => {
  const original = toBinary(ModelProtoSchema, protoWithReferenceAttributes());

  it('reads a TENSOR reference attribute that carries no tensor', () => {
    const body = decodeToIr(original).functions[0]?.nodes ?? [];
    const attr = body[1]?.attributes[0];
    expect(attr).toMatchObject({ name: 'value', refAttrName: 'addend', type: 'TENSOR' });
  });

  it('keeps the declared type of a FLOAT reference attribute', () => {
    const attr = decodeToIr(original).functions[0]?.nodes[0]?.attributes[0];
    expect(attr).toMatchObject({ name: 'value_float', refAttrName: 'alpha', type: 'FLOAT' });
  });

  it('rewrites reference attributes without adding a value (byte-identical)', () => {
    expectBytesEqual(writeModel(decodeToIr(original)), original);
  });

  it('passes readModel validation and rewrites byte-identically from there too', () => {
    expectBytesEqual(writeModel(readModel(original)), original);
  });

  it('runs in onnxruntime with the caller attributes substituted, before and after the round trip', async () => {
    const feeds = { x: { type: 'float32' as const, dims: [3], data: Float32Array.of(1, -2, 0.5) } };
    const expected = { type: 'float32' as const, dims: [3], data: Float32Array.of(3.25, 0.25, 2.75) };
    const before = await runBytes(original, feeds);
    const after = await runBytes(writeModel(decodeToIr(original)), feeds);
    expectTensorsClose(outputNamed(before, 'y'), expected);
    expectTensorsClose(outputNamed(after, 'y'), expected);
  });

  it('applies attribute defaults (attribute_proto) of a function built in the IR', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2]);
    b.op('ScaleBy', [x], { alpha: float(3) }, { domain: 'whittle.local', outputs: ['y'] });
    b.output('y', 'float32', [2]);
    const built = b.toModel({ opset: 17, irVersion: 10, extraOpsets: [{ domain: 'whittle.local', version: 1 }] });
    const out = await runBytes(writeModel({ ...built, functions: [scaleByFunction] }), {
      x: { type: 'float32', dims: [2], data: Float32Array.of(1, -1) },
    });
    // ScaleBy(x) = x · alpha + beta, beta defaulting to 0.5.
    expectTensorsClose(outputNamed(out, 'y'), { type: 'float32', dims: [2], data: Float32Array.of(3.5, -2.5) });
  });
});
