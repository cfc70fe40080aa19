import { attrInt, attrInts } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { convOutputDim, convTransposeOutputDim, readWindow } from './spatial.ts';

/** Convolutions: Conv, ConvTranspose, ConvInteger, QLinearConv. X is [N, C, D1..Dn]. */

interface ConvInputs {
  readonly x: number;
  readonly w: number;
}

/** Kernel sizes: the kernel_shape attribute, else W's spatial dims (which must then be concrete). */
function kernelOf(ctx: ShapeContext, w: number): number[] | undefined {
  const attr = attrInts(ctx.node, 'kernel_shape');
  if (attr !== undefined) return attr;
  const ws = ctx.shape(w);
  if (ws === undefined) return undefined;
  const k = ws.slice(2);
  return k.every((d): d is number => typeof d === 'number') ? k : undefined;
}

function spatialRank(ctx: ShapeContext, slots: ConvInputs): number | undefined {
  const k = attrInts(ctx.node, 'kernel_shape');
  if (k !== undefined) return k.length;
  const xs = ctx.shape(slots.x);
  if (xs !== undefined) return xs.length - 2;
  const ws = ctx.shape(slots.w);
  return ws === undefined ? undefined : ws.length - 2;
}

/** Conv output shape [N, M, out1..outn] (ONNX Conv, "Output shape" via pads/auto_pad). */
export function convShape(ctx: ShapeContext, slots: ConvInputs): Dim[] | undefined {
  const rank = spatialRank(ctx, slots);
  if (rank === undefined) return undefined;
  if (rank < 1) fail('shape-mismatch', `Conv needs at least one spatial dim; X has rank ${String(rank + 2)}.`);
  const xs = ctx.shape(slots.x);
  const m = ctx.shape(slots.w)?.[0] ?? ctx.dims.fresh();
  const n = xs?.[0] ?? ctx.dims.fresh();
  const kernel = kernelOf(ctx, slots.w);
  if (kernel === undefined || xs === undefined) return [n, m, ...Array.from({ length: rank }, () => ctx.dims.fresh())];
  if (kernel.length !== rank) fail('invalid-attribute', `kernel_shape has ${String(kernel.length)} dims; X has ${String(rank)} spatial dims.`);
  const w = readWindow(ctx, kernel);
  return [n, m, ...xs.slice(2).map((d, i) => convOutputDim(ctx.dims, d, i, w))];
}

const conv = defineShapeHandler({ opType: 'Conv', since: 1, infer: (ctx) => [tensorOut(ctx.dtype(0), convShape(ctx, { x: 0, w: 1 }))] });

const convInteger = defineShapeHandler({
  opType: 'ConvInteger',
  since: 10,
  infer: (ctx) => [tensorOut(DataType.INT32, convShape(ctx, { x: 0, w: 1 }))],
});

/** QLinearConv(x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B): y has y_zero_point's type. */
const qlinearConv = defineShapeHandler({
  opType: 'QLinearConv',
  since: 10,
  infer: (ctx) => [tensorOut(ctx.dtype(7) ?? ctx.dtype(0), convShape(ctx, { x: 0, w: 3 }))],
});

/**
 * ConvTranspose output [N, W1·group, out1..outn]: `output_shape` when given (spatial dims, or all dims), else
 * per axis s·(in − 1) + output_padding + ((k − 1)·d + 1) − pads (ONNX ConvTranspose).
 */
function convTransposeShape(ctx: ShapeContext): ShapeOutput {
  const dtype = ctx.dtype(0);
  const rank = spatialRank(ctx, { x: 0, w: 1 });
  if (rank === undefined) return tensorOut(dtype, undefined);
  if (rank < 1) fail('shape-mismatch', `ConvTranspose needs at least one spatial dim; X has rank ${String(rank + 2)}.`);
  const xs = ctx.shape(0);
  const ws = ctx.shape(1);
  const group = attrInt(ctx.node, 'group', 1);
  const perGroup = ws?.[1];
  const m = perGroup === undefined ? ctx.dims.fresh() : ctx.dims.mul(perGroup, group);
  const n = xs?.[0] ?? ctx.dims.fresh();
  const outputShape = attrInts(ctx.node, 'output_shape');
  if (outputShape !== undefined) {
    if (outputShape.length !== rank && outputShape.length !== rank + 2) {
      fail('invalid-attribute', `output_shape has ${String(outputShape.length)} dims; expected ${String(rank)} spatial dims.`);
    }
    return tensorOut(dtype, [n, m, ...outputShape.slice(outputShape.length - rank)]);
  }
  const kernel = kernelOf(ctx, 1);
  if (kernel === undefined || xs === undefined) return tensorOut(dtype, [n, m, ...Array.from({ length: rank }, () => ctx.dims.fresh())]);
  const w = readWindow(ctx, kernel);
  const outputPadding = attrInts(ctx.node, 'output_padding') ?? new Array<number>(rank).fill(0);
  return tensorOut(dtype, [n, m, ...xs.slice(2).map((d, i) => convTransposeOutputDim(ctx.dims, d, i, w, outputPadding[i] ?? 0))]);
}

const convTranspose = defineShapeHandler({ opType: 'ConvTranspose', since: 1, infer: (ctx) => [convTransposeShape(ctx)] });

export const convShapeHandlers: readonly ShapeHandler[] = [conv, convInteger, qlinearConv, convTranspose];
