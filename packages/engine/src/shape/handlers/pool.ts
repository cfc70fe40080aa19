import { attrInt, attrInts } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler } from '../handler.ts';
import { freshShape } from '../shape-math.ts';
import { dimsInput } from './common.ts';
import { poolOutputDim, readWindow } from './spatial.ts';

/** Pooling: MaxPool (+ int64 Indices), AveragePool, LpPool, the global pools and MaxUnpool. */

/** [N, C, out1..outn] for a pool with a required kernel_shape. */
function pooledShape(ctx: ShapeContext): Dim[] | undefined {
  const kernel = attrInts(ctx.node, 'kernel_shape');
  if (kernel === undefined) fail('invalid-attribute', 'kernel_shape is required.');
  const xs = ctx.shape(0);
  if (xs === undefined) return undefined;
  if (xs.length !== kernel.length + 2) {
    fail('shape-mismatch', `X has rank ${String(xs.length)}; kernel_shape has ${String(kernel.length)} dims, so expected rank ${String(kernel.length + 2)}.`);
  }
  const w = readWindow(ctx, kernel);
  return [...xs.slice(0, 2), ...xs.slice(2).map((d, i) => poolOutputDim(ctx.dims, d, i, w))];
}

const pool = (opType: string, since: number): ShapeHandler =>
  defineShapeHandler({ opType, since, infer: (ctx) => [tensorOut(ctx.dtype(0), pooledShape(ctx))] });

/** MaxPool: Y, and from opset 8 the optional Indices output (int64, Y's shape). */
const maxPool = defineShapeHandler({
  opType: 'MaxPool',
  since: 1,
  infer: (ctx) => {
    const shape = pooledShape(ctx);
    return [tensorOut(ctx.dtype(0), shape), tensorOut(DataType.INT64, shape)];
  },
});

/** Global pools keep N and C and reduce every spatial dim to 1. */
const globalPool = (opType: string): ShapeHandler =>
  defineShapeHandler({
    opType,
    since: 1,
    infer: (ctx) => {
      const xs = ctx.shape(0);
      return [tensorOut(ctx.dtype(0), xs === undefined ? undefined : xs.map((d, i) => (i < 2 ? d : 1)))];
    },
  });

/** MaxUnpool: output_shape input when known, else (in − 1)·s + k − pb − pe per spatial axis (ONNX MaxUnpool). */
const maxUnpool = defineShapeHandler({
  opType: 'MaxUnpool',
  since: 9,
  infer: (ctx) => {
    const dtype = ctx.dtype(0);
    if (ctx.has(2)) {
      const target = dimsInput(ctx, 2);
      const len = ctx.shape(2)?.[0];
      return [tensorOut(dtype, target ?? (typeof len === 'number' ? freshShape(ctx.dims, len) : undefined))];
    }
    const kernel = attrInts(ctx.node, 'kernel_shape');
    if (kernel === undefined) fail('invalid-attribute', 'kernel_shape is required.');
    const xs = ctx.shape(0);
    if (xs === undefined) return [tensorOut(dtype, undefined)];
    const w = readWindow(ctx, kernel);
    const n = kernel.length;
    const spatial = xs.slice(2).map((d, i) =>
      ctx.dims.sub(ctx.dims.add(ctx.dims.mul(ctx.dims.sub(d, 1), w.strides[i] ?? 1), kernel[i] ?? 1), (w.pads[i] ?? 0) + (w.pads[i + n] ?? 0)),
    );
    return [tensorOut(dtype, [...xs.slice(0, 2), ...spatial])];
  },
});

/** RoiAlign: [num_rois, C, output_height, output_width] (both default 1). */
const roiAlign = defineShapeHandler({
  opType: 'RoiAlign',
  since: 10,
  infer: (ctx) => {
    const x = ctx.shape(0);
    const rois = ctx.shape(1)?.[0] ?? ctx.shape(2)?.[0] ?? ctx.dims.fresh();
    const c = x?.[1] ?? ctx.dims.fresh();
    return [tensorOut(ctx.dtype(0), [rois, c, attrInt(ctx.node, 'output_height', 1), attrInt(ctx.node, 'output_width', 1)])];
  },
});

export const poolShapeHandlers: readonly ShapeHandler[] = [
  roiAlign,
  maxPool,
  pool('AveragePool', 1),
  pool('LpPool', 1),
  globalPool('GlobalAveragePool'),
  globalPool('GlobalMaxPool'),
  globalPool('GlobalLpPool'),
  maxUnpool,
];
