import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler } from '../handler.ts';
import { broadcastShapes, formatShape, mergeEqualDims } from '../shape-math.ts';

/** Matrix products: MatMul (numpy semantics), Gemm, and their integer/quantized forms. */

/**
 * numpy.matmul shapes (ONNX MatMul): a 1-D A is promoted to [1, K] and a 1-D B to [K, 1], the promoted dims are
 * removed from the result, and leading (batch) dims broadcast multidirectionally.
 */
export function matmulShape(ctx: ShapeContext, a: readonly Dim[] | undefined, b: readonly Dim[] | undefined): Dim[] | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a.length === 0 || b.length === 0) fail('shape-mismatch', `MatMul inputs must have rank ≥ 1; found ${formatShape(a)} and ${formatShape(b)}.`);
  const aa = a.length === 1 ? [1, ...a] : a;
  const bb = b.length === 1 ? [...b, 1] : b;
  const k1 = aa[aa.length - 1] ?? 1;
  const k2 = bb[bb.length - 2] ?? 1;
  mergeEqualDims(k1, k2, `MatMul inner dims of ${formatShape(a)} × ${formatShape(b)}`);
  const batch = broadcastShapes(ctx.dims, [aa.slice(0, -2), bb.slice(0, -2)]) ?? [];
  const out: Dim[] = [...batch];
  if (a.length > 1) out.push(aa[aa.length - 2] ?? 1);
  if (b.length > 1) out.push(bb[bb.length - 1] ?? 1);
  return out;
}

const matmul = defineShapeHandler({
  opType: 'MatMul',
  since: 1,
  infer: (ctx) => [tensorOut(ctx.dtype(0), matmulShape(ctx, ctx.shape(0), ctx.shape(1)))],
});

const matmulInteger = defineShapeHandler({
  opType: 'MatMulInteger',
  since: 10,
  infer: (ctx) => [tensorOut(DataType.INT32, matmulShape(ctx, ctx.shape(0), ctx.shape(1)))],
});

/** QLinearMatMul(a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp): y has y_zero_point's type. */
const qlinearMatmul = defineShapeHandler({
  opType: 'QLinearMatMul',
  since: 10,
  infer: (ctx) => [tensorOut(ctx.dtype(7) ?? ctx.dtype(0), matmulShape(ctx, ctx.shape(0), ctx.shape(3)))],
});

/** Gemm: Y = [M, N] from A [M, K] (transA: [K, M]) and B [K, N] (transB: [N, K]); C only broadcasts into Y. */
const gemm = defineShapeHandler({
  opType: 'Gemm',
  since: 1,
  infer: (ctx) => {
    const a = ctx.shape(0);
    const b = ctx.shape(1);
    const transA = attrInt(ctx.node, 'transA', 0) !== 0;
    const transB = attrInt(ctx.node, 'transB', 0) !== 0;
    const dtype = ctx.dtype(0);
    if (a !== undefined && a.length !== 2) fail('shape-mismatch', `Gemm A must be 2-D; found ${formatShape(a)}.`);
    if (b !== undefined && b.length !== 2) fail('shape-mismatch', `Gemm B must be 2-D; found ${formatShape(b)}.`);
    const m = a === undefined ? ctx.dims.fresh() : (transA ? a[1] : a[0]) ?? ctx.dims.fresh();
    const n = b === undefined ? ctx.dims.fresh() : (transB ? b[0] : b[1]) ?? ctx.dims.fresh();
    if (a !== undefined && b !== undefined) {
      const ka = (transA ? a[0] : a[1]) ?? 1;
      const kb = (transB ? b[1] : b[0]) ?? 1;
      mergeEqualDims(ka, kb, `Gemm inner dims of ${formatShape(a)} × ${formatShape(b)}`);
    }
    return [tensorOut(dtype, [m, n])];
  },
});

export const gemmMatmulShapeHandlers: readonly ShapeHandler[] = [matmul, matmulInteger, qlinearMatmul, gemm];
