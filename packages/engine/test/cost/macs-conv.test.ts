import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { GraphBuilder, type AttrInput } from '../../src/ir/builder.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { runBytes, seededInput } from '../helpers/run-model.ts';
import { handShapes } from './hand-shapes.ts';

interface ConvCase {
  readonly op: 'Conv' | 'ConvTranspose';
  readonly x: readonly number[];
  readonly w: readonly number[];
  readonly bias: boolean;
  readonly attrs: Readonly<Record<string, AttrInput>>;
  /** Output shape worked out by hand; checked against onnxruntime below. */
  readonly y: readonly number[];
}

function convModel(c: ConvCase): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', c.x);
  const w = b.initializer('w', 'float32', c.w, new Float32Array(c.w.reduce((p, d) => p * d, 1)));
  const biasChannels = c.op === 'Conv' ? (c.w[0] ?? 0) : (c.w[1] ?? 0) * Number(c.attrs.group ?? 1);
  const inputs = c.bias ? [x, w, b.initializer('b', 'float32', [biasChannels], new Float32Array(biasChannels))] : [x, w];
  b.output(b.op(c.op, inputs, c.attrs, { name: 'conv', outputs: ['y'] }), 'float32');
  return b.toModel({ opset: 17 });
}

function macsOf(c: ConvCase): { macs: number | undefined; otherOps: number | undefined } {
  const shapes = handShapes({ x: ['float32', c.x], w: ['float32', c.w], y: ['float32', c.y] });
  const node = computeCost(convModel(c), shapes).nodes[0];
  return { macs: node?.macs, otherOps: node?.otherOps };
}

const CASES = {
  // 3×3, pad 1, stride 1: Y = [1,16,32,32]; MACs = N·Cout·H·W·(Cin/g)·kH·kW = 1·16·32·32·3·3·3 = 442_368.
  plain: { op: 'Conv', x: [1, 3, 32, 32], w: [16, 3, 3, 3], bias: true, attrs: { pads: [1, 1, 1, 1] }, y: [1, 16, 32, 32] },
  // stride 2, pad 1 on 15×15: Hout = floor((15 + 2 − 3)/2) + 1 = 8; MACs = 2·4·8·8·8·3·3 = 36_864.
  strided: {
    op: 'Conv', x: [2, 8, 15, 15], w: [4, 8, 3, 3], bias: false, attrs: { pads: [1, 1, 1, 1], strides: [2, 2] }, y: [2, 4, 8, 8],
  },
  // group 4: Cin/g = 8/4 = 2, no pad: Hout = 10 − 3 + 1 = 8; MACs = 1·12·8·8·2·3·3 = 13_824.
  grouped: { op: 'Conv', x: [1, 8, 10, 10], w: [12, 2, 3, 3], bias: false, attrs: { group: 4 }, y: [1, 12, 8, 8] },
  // depthwise (group = C = 32), pad 1: MACs = 1·32·16·16·1·3·3 = 73_728.
  depthwise: {
    op: 'Conv', x: [1, 32, 16, 16], w: [32, 1, 3, 3], bias: true, attrs: { group: 32, pads: [1, 1, 1, 1] }, y: [1, 32, 16, 16],
  },
  // 1×1 pointwise with dilations that do not matter: MACs = 1·24·7·7·16 = 18_816.
  pointwise: { op: 'Conv', x: [1, 16, 7, 7], w: [24, 16, 1, 1], bias: false, attrs: {}, y: [1, 24, 7, 7] },
  // stride 2, k 4, pad 1: Hout = (8 − 1)·2 − 2 + 4 = 16; MACs = N·Cin·Hin·Win·(Cout/g)·kH·kW = 1·16·8·8·8·4·4 = 131_072.
  transposed: {
    op: 'ConvTranspose', x: [1, 16, 8, 8], w: [16, 8, 4, 4], bias: true, attrs: { strides: [2, 2], pads: [1, 1, 1, 1] }, y: [1, 8, 16, 16],
  },
  // group 2: W = [Cin, Cout/g, k, k] = [8, 3, 3, 3], Cout = 6; Hout = 5 + 3 − 1 = 7; MACs = 1·8·5·5·3·3·3 = 5_400.
  transposedGrouped: { op: 'ConvTranspose', x: [1, 8, 5, 5], w: [8, 3, 3, 3], bias: false, attrs: { group: 2 }, y: [1, 6, 7, 7] },
} satisfies Record<string, ConvCase>;

describe('Conv and ConvTranspose MACs', () => {
  it('counts a plain 3×3 convolution and its bias adds', () => {
    expect(macsOf(CASES.plain)).toEqual({ macs: 1 * 16 * 32 * 32 * 3 * 3 * 3, otherOps: 1 * 16 * 32 * 32 });
    expect(macsOf(CASES.plain).macs).toBe(442_368);
  });

  it('uses the output size for strides and padding', () => {
    expect(macsOf(CASES.strided)).toEqual({ macs: 36_864, otherOps: 0 });
  });

  it('divides input channels by the group count', () => {
    expect(macsOf(CASES.grouped).macs).toBe(13_824);
  });

  it('counts a depthwise convolution as one input channel per output channel', () => {
    expect(macsOf(CASES.depthwise)).toEqual({ macs: 73_728, otherOps: 32 * 16 * 16 });
  });

  it('counts a pointwise convolution', () => {
    expect(macsOf(CASES.pointwise).macs).toBe(18_816);
  });

  it('counts ConvTranspose from the input size', () => {
    expect(macsOf(CASES.transposed)).toEqual({ macs: 131_072, otherOps: 8 * 16 * 16 });
    expect(macsOf(CASES.transposedGrouped).macs).toBe(5_400);
  });

  it('reports unknown MACs with a reason when the output shape is symbolic', () => {
    const c = CASES.plain;
    const shapes = handShapes({ x: ['float32', ['N', 3, 32, 32]], w: ['float32', c.w], y: ['float32', ['N', 16, 32, 32]] });
    const node = computeCost(convModel(c), shapes).nodes[0];
    expect(node?.macs).toBeUndefined();
    expect(node?.reason).toMatch(/symbolic dims \[N,16,32,32\]/);
  });

  it('reports unknown MACs when the weight shape is missing from shape inference', () => {
    const c = CASES.plain;
    const node = computeCost(convModel(c), handShapes({ y: ['float32', c.y] })).nodes[0];
    expect(node?.macs).toBeUndefined();
    expect(node?.reason).toMatch(/shape of input 1 'w' is unknown/);
  });

  it('uses output shapes that onnxruntime agrees with', async () => {
    for (const c of Object.values(CASES)) {
      const out = await runBytes(writeModel(convModel(c)), { x: seededInput(c.x, 1) });
      expect(out.y?.dims, `${c.op} ${JSON.stringify(c.attrs)}`).toEqual(c.y);
    }
  });
});
