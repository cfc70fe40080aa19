import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import { defineShapeHandler, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { broadcastShapes } from '../shape-math.ts';
import { likeInput } from './common.ts';
import { convShape } from './conv.ts';
import { matmulShape } from './gemm-matmul.ts';

/**
 * onnxruntime contrib ops (com.microsoft) that quantized and fused exports commonly contain. Only ops whose shapes
 * follow an ai.onnx op are here; anything else stays an unknown op.
 */

const MS = 'com.microsoft';

const ms = (opType: string, infer: (ctx: ShapeContext) => readonly (ShapeOutput | undefined)[]): ShapeHandler =>
  defineShapeHandler({ domain: MS, opType, since: 1, infer });

/** QLinear binary ops (A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp): broadcast, C has C_zero_point's type. */
const qlinearBinary = (opType: string): ShapeHandler =>
  ms(opType, (ctx) => [tensorOut(ctx.dtype(7) ?? ctx.dtype(0), broadcastShapes(ctx.dims, [ctx.shape(0), ctx.shape(3)]))]);

/** QLinear unary ops (X, X_scale, X_zp, Y_scale, Y_zp): X's shape, Y_zero_point's type. */
const qlinearUnary = (opType: string): ShapeHandler => ms(opType, (ctx) => [likeInput(ctx, 0, ctx.dtype(4) ?? ctx.dtype(0))]);

/** QLinearGlobalAveragePool: spatial dims to 1; channels_last=1 keeps the last dim (NHWC). */
const qlinearGlobalAveragePool = ms('QLinearGlobalAveragePool', (ctx) => {
  const x = ctx.shape(0);
  const last = attrInt(ctx.node, 'channels_last', 0) === 1;
  const shape = x?.map((d, i) => (i === 0 || (last ? i === x.length - 1 : i === 1) ? d : 1));
  return [tensorOut(ctx.dtype(4) ?? ctx.dtype(0), shape)];
});

/** MatMulNBits: A [..., K] × packed B → [..., N] with N from the attribute. */
const matmulNBits = ms('MatMulNBits', (ctx) => {
  const a = ctx.shape(0);
  const n = attrInt(ctx.node, 'N');
  return [tensorOut(ctx.dtype(0), a === undefined || n === undefined ? undefined : [...a.slice(0, -1), n])];
});

export const contribShapeHandlers: readonly ShapeHandler[] = [
  ms('FusedConv', (ctx) => [tensorOut(ctx.dtype(0), convShape(ctx, { x: 0, w: 1 }))]),
  ms('FusedMatMul', (ctx) => {
    const swap = (s: ReturnType<ShapeContext['shape']>, t: boolean): typeof s =>
      s === undefined || !t || s.length < 2 ? s : [...s.slice(0, -2), s[s.length - 1] ?? 1, s[s.length - 2] ?? 1];
    const a = swap(ctx.shape(0), attrInt(ctx.node, 'transA', 0) === 1);
    const b = swap(ctx.shape(1), attrInt(ctx.node, 'transB', 0) === 1);
    return [tensorOut(ctx.dtype(0), matmulShape(ctx, a, b))];
  }),
  ms('DynamicQuantizeMatMul', (ctx) => [tensorOut(ctx.dtype(0), matmulShape(ctx, ctx.shape(0), ctx.shape(1)))]),
  ms('MatMulIntegerToFloat', (ctx) => [tensorOut(ctx.dtype(2) ?? DataType.FLOAT, matmulShape(ctx, ctx.shape(0), ctx.shape(1)))]),
  matmulNBits,
  qlinearBinary('QLinearAdd'),
  qlinearBinary('QLinearMul'),
  qlinearUnary('QLinearSigmoid'),
  qlinearUnary('QLinearLeakyRelu'),
  qlinearGlobalAveragePool,
  ms('Gelu', (ctx) => [likeInput(ctx)]),
  ms('FastGelu', (ctx) => [likeInput(ctx)]),
  ms('BiasGelu', (ctx) => [likeInput(ctx)]),
  ms('QuickGelu', (ctx) => [likeInput(ctx)]),
];
