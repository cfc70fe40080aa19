/**
 * Real models nobody here wrote: the three PaddleOCR exports (weights in Constant nodes, BatchNormalization unfolded,
 * IR 8, opsets 9–11). Unmodified, they must come back byte-identical through the proto and through the IR, and
 * onnxruntime must compute bitwise-identical outputs from the rewritten bytes.
 */
import { describe, expect, it } from 'vitest';
import { decodeModelProto } from '../../src/onnx/decode.ts';
import { encodeModelProto, writeModel } from '../../src/onnx/codec.ts';
import { modelFromProto } from '../../src/onnx/proto-to-ir.ts';
import { readModel } from '../../src/onnx/read.ts';
import { expectBytesEqual } from '../helpers/byte-equality.ts';
import { expectTensorsIdentical } from '../helpers/expect-tensors-close.ts';
import { outputNamed } from '../helpers/outputs.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { runBytes, seededInput } from '../helpers/run-model.ts';

describe.each(PADDLE_MODELS)('PaddleOCR $id', (paddle) => {
  const original = readPaddleModel(paddle.file);

  it('re-encodes its decoded proto byte-identically', () => {
    expectBytesEqual(encodeModelProto(decodeModelProto(original)), original);
  });

  it('re-encodes through the IR byte-identically', () => {
    expectBytesEqual(writeModel(modelFromProto(decodeModelProto(original))), original);
  });

  it('gives bitwise-identical onnxruntime outputs after read → write', async () => {
    const rewritten = writeModel(readModel(original));
    const feeds = { [paddle.input]: seededInput(paddle.shape, 11) };
    const before = await runBytes(original, feeds);
    const after = await runBytes(rewritten, feeds);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(before)).toHaveLength(1);
    for (const name of Object.keys(before)) expectTensorsIdentical(outputNamed(after, name), outputNamed(before, name));
  });
});
