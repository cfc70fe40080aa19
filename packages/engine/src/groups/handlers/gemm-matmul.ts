import { attrInt } from '../../ir/attributes.ts';
import { definePruneHandler, type PruneHandler } from '../types.ts';
import { at, couple, coupleBroadcast, failClosed, sameDim } from './common.ts';

/*
 * Matrix products. The contracted axis K couples the two operands (removing index k from both drops one term of every
 * sum); each free axis couples one operand with the output. A free axis that comes from a constant operand is a
 * source: it is made by weights, like a Conv's output channels. With a Flatten (or Reshape) in front, a Conv channel
 * reaches the weight's K axis through `expand(H·W)`, so it owns H·W weight rows.
 */

/**
 * Gemm: Y [M, N] = alpha · A' · B' + beta · C, with A' = transA ? Aᵀ : A ([M, K]) and B' = transB ? Bᵀ : B ([K, N]).
 * A's M axis (1 if transA, else 0) is Y's axis 0; A's K axis is a weight slice of B's K axis (1 if transB, else 0)
 * and of nothing else; Y's axis 1 is a source with B's N axis (0 if transB, else 1) and C's matching axis (bias
 * [N] or [1, N]; a [M, N] C follows both) as weight slices. B must be a constant.
 */
const gemm = definePruneHandler({
  opType: 'Gemm',
  since: 1,
  couple: (ctx) => {
    const [a = '', b = '', c = ''] = ctx.node.inputs;
    const y = ctx.node.outputs[0] ?? '';
    if (ctx.constant(b) === undefined) {
      failClosed(ctx, `${at(ctx)}: weight '${b}' is computed at run time, not a constant`);
      return;
    }
    if (ctx.shape(a)?.length !== 2 || ctx.shape(y)?.length !== 2 || ctx.shape(b)?.length !== 2) {
      failClosed(ctx, `${at(ctx)}: A, B and Y must be known 2-D tensors`);
      return;
    }
    const transA = attrInt(ctx.node, 'transA', 0) === 1;
    const transB = attrInt(ctx.node, 'transB', 0) === 1;
    couple(ctx, { value: a, axis: transA ? 1 : 0 }, { value: y, axis: 0 });
    couple(ctx, { value: a, axis: transA ? 0 : 1 }, { value: b, axis: transB ? 1 : 0 });
    ctx.source({ value: y, axis: 1 });
    couple(ctx, { value: y, axis: 1 }, { value: b, axis: transB ? 0 : 1 });
    if (c !== '') coupleBroadcast(ctx, [c], y);
  },
});

/**
 * MatMul (numpy matmul): A [..., M, K] · B [..., K, N] → Y [..., M, N], batch axes broadcast; a 1-D A has no M axis
 * and a 1-D B no N axis.
 * - X · W with a constant W [K, N] (nn.Linear as exported): W's axis 0 follows X's last axis; Y's last axis is a
 *   source with W's axis 1. W · X is symmetric (Y's axis -2 is the source, W's axis 1 follows X's axis -2).
 * - Two computed operands (attention: Q·Kᵀ, softmax(QKᵀ)·V): batch axes are linked wherever they are not broadcast
 *   (the heads axis, so one head is one channel of both products), A's M axis and B's N axis pass to Y, and the
 *   contraction A[-1] ↔ B[-2] is linked.
 */
const matMul = definePruneHandler({
  opType: 'MatMul',
  since: 1,
  couple: (ctx) => {
    const [a = '', b = ''] = ctx.node.inputs;
    const y = ctx.node.outputs[0] ?? '';
    const as = ctx.shape(a);
    const bs = ctx.shape(b);
    const ys = ctx.shape(y);
    if (as === undefined || bs === undefined || ys === undefined || as.length === 0 || bs.length === 0) {
      failClosed(ctx, `${at(ctx)}: the shapes of its operands are unknown`);
      return;
    }
    const ra = as.length;
    const rb = bs.length;
    const ry = ys.length;
    const hasM = ra >= 2;
    const hasN = rb >= 2;
    const yBatch = ry - (hasM ? 1 : 0) - (hasN ? 1 : 0);
    if (yBatch < 0 || yBatch < ra - 2 || yBatch < rb - 2) {
      failClosed(ctx, `${at(ctx)}: '${y}' has rank ${String(ry)}, which does not fit operands of ranks ${String(ra)} and ${String(rb)}`);
      return;
    }
    couple(ctx, { value: a, axis: ra - 1 }, { value: b, axis: hasN ? rb - 2 : 0 });
    if (hasM) {
      const m = { value: y, axis: hasN ? ry - 2 : ry - 1 };
      couple(ctx, { value: a, axis: ra - 2 }, m);
      if (ctx.constant(a) !== undefined) ctx.source(m);
    }
    if (hasN) {
      const n = { value: y, axis: ry - 1 };
      couple(ctx, { value: b, axis: rb - 1 }, n);
      if (ctx.constant(b) !== undefined) ctx.source(n);
    }
    for (const [value, shape] of [[a, as], [b, bs]] as const) {
      const batch = shape.length - 2;
      for (let k = 0; k < batch; k++) {
        const axis = k + yBatch - batch;
        if (sameDim(shape[k], ys[axis])) couple(ctx, { value, axis: k }, { value: y, axis });
        else if (shape[k] !== 1) {
          const reason = `${at(ctx)}: batch axis ${String(k)} of '${value}' (${String(shape[k])}) does not match '${y}' (${String(ys[axis])})`;
          ctx.block({ value: y, axis }, reason);
          if (ctx.constant(value) === undefined) ctx.block({ value, axis: k }, reason);
        }
      }
    }
  },
});

export const gemmMatmulPruneHandlers: readonly PruneHandler[] = [gemm, matMul];
