import { attrInt, nodeLabel } from '../../ir/attributes.ts';
import { definePruneHandler, type CoupleContext, type PruneHandler } from '../types.ts';
import { at, couple, failClosed, intList, linkAllAxes, normAxis } from './common.ts';
import { REDUCE_OPS } from '../../ops/reduce-facts.ts';

/*
 * Reductions: X [d…] → Y with the reduced axes gone (keepdims = 0) or kept as size 1 (keepdims = 1, the default).
 * Kept axes pass through, shifted left past removed ones; a reduced axis mixes every index into one, so it is blocked.
 * A squeeze-excitation block's ReduceMean over H, W therefore leaves its channels linked to the SE input.
 */

/** Couples the kept axes of X with Y and blocks the reduced ones. */
function coupleReduction(ctx: CoupleContext, reduced: ReadonlySet<number>, keepDims: boolean): void {
  const x = ctx.node.inputs[0] ?? '';
  const y = ctx.node.outputs[0] ?? '';
  const xs = ctx.shape(x);
  const ys = ctx.shape(y);
  if (xs === undefined || ys === undefined || ys.length !== (keepDims ? xs.length : xs.length - reduced.size)) {
    failClosed(ctx, `${at(ctx)}: the shapes of '${x}' and '${y}' are unknown or inconsistent`);
    return;
  }
  let j = 0;
  for (let k = 0; k < xs.length; k++) {
    if (reduced.has(k)) {
      ctx.block({ value: x, axis: k }, `${at(ctx)} reduces over axis ${String(k)} of '${x}'`);
      if (keepDims) j++;
      continue;
    }
    couple(ctx, { value: x, axis: k }, { value: y, axis: j });
    j++;
  }
}

/**
 * ReduceX with `axes` as an attribute (before `inputSince`) or as input 1 (from it: 13 for ReduceSum, 18 for the
 * rest). No axes means every axis, unless `noop_with_empty_axes` = 1 (input form), which makes the op an identity.
 */
function reduceHandler(opType: string, since: number, axesSource: { readonly input: number } | { readonly attr: string }): PruneHandler {
  return definePruneHandler({
    opType,
    since,
    couple: (ctx) => {
      const x = ctx.node.inputs[0] ?? '';
      const rank = ctx.shape(x)?.length;
      const list = intList(ctx, axesSource);
      if (list.kind === 'computed' || rank === undefined) {
        failClosed(ctx, `${opType} axes of node ${nodeLabel(ctx.node)} are ${rank === undefined ? 'applied to a value of unknown rank' : 'computed at run time'}`);
        return;
      }
      const axes = list.kind === 'known' ? list.ints.map((a) => normAxis(a, rank)) : [];
      if (axes.length === 0 && attrInt(ctx.node, 'noop_with_empty_axes', 0) === 1) {
        linkAllAxes(ctx, x, ctx.node.outputs[0] ?? '');
        return;
      }
      const reduced = new Set(axes.length === 0 ? Array.from({ length: rank }, (_, i) => i) : axes);
      coupleReduction(ctx, reduced, attrInt(ctx.node, 'keepdims', 1) === 1);
    },
  });
}


/** ArgMax and ArgMin: one `axis` (default 0) is reduced to an index; keepdims as for the reductions. */
const argReductions: readonly PruneHandler[] = ['ArgMax', 'ArgMin'].map((opType) =>
  definePruneHandler({
    opType,
    since: 1,
    couple: (ctx) => {
      const rank = ctx.shape(ctx.node.inputs[0] ?? '')?.length;
      if (rank === undefined) {
        failClosed(ctx, `${at(ctx)}: the rank of its input is unknown`);
        return;
      }
      coupleReduction(ctx, new Set([normAxis(attrInt(ctx.node, 'axis', 0), rank)]), attrInt(ctx.node, 'keepdims', 1) === 1);
    },
  }),
);

export const reducePruneHandlers: readonly PruneHandler[] = [
  ...REDUCE_OPS.flatMap(([opType, inputSince]) => [reduceHandler(opType, 1, { attr: 'axes' }), reduceHandler(opType, inputSince, { input: 1 })]),
  ...argReductions,
];
