/**
 * Matrix products. MACs follow thop / fvcore: M·N·K per matrix product, times the broadcast batch; the bias (Gemm's
 * C) is counted as one other op per output element; alpha/beta scaling is not counted.
 */
import { attrInt } from '../../ir/attributes.ts';
import { counted, hasInput, inputDims, product, uncounted } from '../count.ts';
import type { CostContext, CostHandler, OpCount } from '../types.ts';

/** numpy broadcasting of two batch shapes; undefined when they do not broadcast. */
function broadcastBatch(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return undefined;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/**
 * numpy `matmul` semantics: A = [...batchA, M, K] (a 1-D A is [K], M = 1), B = [...batchB, K, N] (a 1-D B is
 * [K], N = 1); MACs = prod(broadcast(batchA, batchB))·M·N·K.
 */
function matmulCount(ctx: CostContext, aSlot: number, bSlot: number): OpCount {
  const a = inputDims(ctx, aSlot);
  if (!a.ok) return uncounted(a.reason);
  const b = inputDims(ctx, bSlot);
  if (!b.ok) return uncounted(b.reason);
  const [ad, bd] = [a.dims, b.dims];
  if (ad.length === 0 || bd.length === 0) return uncounted('MatMul inputs must have rank ≥ 1; found a scalar');
  const k = ad[ad.length - 1] ?? 0;
  const kb = bd.length >= 2 ? (bd[bd.length - 2] ?? 0) : (bd[0] ?? 0);
  if (k !== kb) return uncounted(`inner dims differ: A [${ad.join(',')}] and B [${bd.join(',')}]`);
  const m = ad.length >= 2 ? (ad[ad.length - 2] ?? 0) : 1;
  const n = bd.length >= 2 ? (bd[bd.length - 1] ?? 0) : 1;
  const batch = broadcastBatch(ad.slice(0, -2), bd.slice(0, -2));
  if (batch === undefined) return uncounted(`batch dims of A [${ad.join(',')}] and B [${bd.join(',')}] do not broadcast`);
  return counted(product(batch) * m * n * k, 0);
}

/** A = [M, K] (transA: [K, M]), B = [K, N] (transB: [N, K]); MACs = M·N·K; other = M·N when C is given. */
function gemmCount(ctx: CostContext): OpCount {
  const a = inputDims(ctx, 0);
  if (!a.ok) return uncounted(a.reason);
  const b = inputDims(ctx, 1);
  if (!b.ok) return uncounted(b.reason);
  const [a0, a1] = a.dims;
  const [b0, b1] = b.dims;
  if (a.dims.length !== 2 || b.dims.length !== 2 || a0 === undefined || a1 === undefined || b0 === undefined || b1 === undefined) {
    return uncounted(`Gemm needs 2-D inputs; found A [${a.dims.join(',')}] and B [${b.dims.join(',')}]`);
  }
  const transA = attrInt(ctx.node, 'transA', 0) !== 0;
  const transB = attrInt(ctx.node, 'transB', 0) !== 0;
  const [m, k] = transA ? [a1, a0] : [a0, a1];
  const n = transB ? b0 : b1;
  return counted(m * n * k, hasInput(ctx, 2) ? m * n : 0);
}

/** @internal */
export const matmulCostHandlers: readonly CostHandler[] = [
  {
    domain: '',
    opType: 'Gemm',
    since: 1,
    rule: 'MACs = M·N·K (after transA/transB); other = M·N bias adds when C is given',
    count: gemmCount,
  },
  {
    domain: '',
    opType: 'MatMul',
    since: 1,
    rule: 'MACs = batch·M·N·K with numpy broadcasting of the batch dims (1-D operands promoted)',
    count: (ctx) => matmulCount(ctx, 0, 1),
  },
  {
    domain: '',
    opType: 'MatMulInteger',
    since: 10,
    rule: 'as MatMul (zero points not counted)',
    count: (ctx) => matmulCount(ctx, 0, 1),
  },
  {
    domain: '',
    opType: 'QLinearMatMul',
    since: 10,
    rule: 'as MatMul (A is input 0, B input 3); requantization not counted',
    count: (ctx) => matmulCount(ctx, 0, 3),
  },
];
