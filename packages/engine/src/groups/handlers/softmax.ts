import { attrInt } from '../../ir/attributes.ts';
import { definePruneHandler, type PruneHandler } from '../types.ts';
import { at, linkAllAxes, normAxis, rankOf } from './common.ts';

/**
 * Softmax, LogSoftmax and Hardmax: every axis passes through except the ones each output row is normalised over,
 * which are blocked (removing one index changes every other index's value). From opset 13 that is `axis` alone
 * (default -1). Before 13 the input is coerced to 2-D [d0·…·d(a-1), da·…·d(r-1)] at `axis` a (default 1) and
 * normalised over the whole second factor, so every axis from a on is blocked.
 */
function softmaxFamily(opType: string, since: number): PruneHandler {
  const coerced = since < 13;
  return definePruneHandler({
    opType,
    since,
    couple: (ctx) => {
      const x = ctx.node.inputs[0] ?? '';
      const y = ctx.node.outputs[0] ?? '';
      linkAllAxes(ctx, x, y);
      const rank = rankOf(ctx, y);
      if (rank === undefined) return;
      const axis = normAxis(attrInt(ctx.node, 'axis', coerced ? 1 : -1), rank);
      const normalized = coerced ? Array.from({ length: rank - axis }, (_, i) => axis + i) : [axis];
      const how = coerced && rank - axis > 1 ? ` (opset ${String(ctx.opset)} flattens axes ${String(axis)}..${String(rank - 1)} into one)` : '';
      for (const k of normalized) ctx.block({ value: y, axis: k }, `${at(ctx)} normalizes over axis ${String(k)} of '${x}'${how}`);
    },
  });
}

export const softmaxPruneHandlers: readonly PruneHandler[] = ['Softmax', 'LogSoftmax', 'Hardmax'].flatMap((opType) => [
  softmaxFamily(opType, 1),
  softmaxFamily(opType, 13),
]);
