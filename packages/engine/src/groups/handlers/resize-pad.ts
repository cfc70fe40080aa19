import { attrInts, nodeLabel } from '../../ir/attributes.ts';
import type { IrNode } from '../../ir/types.ts';
import { definePruneHandler, type CoupleContext, type PruneHandler } from '../types.ts';
import { at, couple, failClosed, intList, normAxis, rankOf, sameDim, writeIntList, type IntList } from './common.ts';

/*
 * Resize, Upsample and Pad change the sizes of some axes and leave the others alone. An axis they leave alone (scale 1,
 * size equal to the input's, zero pads) passes through and is coupled; an axis they change is blocked on both sides —
 * for spatial axes that costs nothing (they are never pruned), and a resized or padded channel axis cannot be pruned.
 */

/** Couples the axes whose size the op keeps (judged from the inferred shapes) and blocks the ones it changes. */
function coupleUnchangedAxes(ctx: CoupleContext, verb: string): void {
  const x = ctx.node.inputs[0] ?? '';
  const y = ctx.node.outputs[0] ?? '';
  const xs = ctx.shape(x);
  const ys = ctx.shape(y);
  if (xs === undefined || ys === undefined || xs.length !== ys.length) {
    failClosed(ctx, `${at(ctx)}: the ranks of '${x}' and '${y}' are unknown or differ`);
    return;
  }
  xs.forEach((d, axis) => {
    if (sameDim(d, ys[axis])) {
      couple(ctx, { value: x, axis }, { value: y, axis });
      return;
    }
    const reason = `${at(ctx)} ${verb} axis ${String(axis)} of '${x}' (${String(d)} → ${String(ys[axis])})`;
    ctx.block({ value: x, axis }, reason);
    ctx.block({ value: y, axis }, reason);
  });
}

/** Where a Resize generation keeps `sizes`: an input slot (opset 11+), or nowhere (opset 10 has only scales). */
interface ResizeLayout {
  readonly sizes: number | undefined;
  /** Opset 18+: the `axes` attribute says which axes `sizes` lists. */
  readonly axes: boolean;
}

/** The axes `sizes` lists, in order (every axis unless the `axes` attribute says otherwise). */
function sizesAxes(node: IrNode, layout: ResizeLayout, count: number): readonly number[] {
  return (layout.axes ? attrInts(node, 'axes') : undefined) ?? Array.from({ length: count }, (_, i) => i);
}

/**
 * Resize: X [d…] → Y, each axis scaled by `scales` or set to `sizes`. Axes left at their size pass through. When
 * `sizes` is given it lists every axis (or those in `axes`, opset 18+) including the kept ones, so a pruned channel
 * axis needs its entry rewritten: `sizes` must then be a constant.
 */
function resizeHandler(since: number, layout: ResizeLayout): PruneHandler {
  const sizesSource = layout.sizes === undefined ? undefined : { input: layout.sizes };
  return definePruneHandler({
    opType: 'Resize',
    since,
    couple: (ctx) => {
      const sizes: IntList = sizesSource === undefined ? { kind: 'absent' } : intList(ctx, sizesSource);
      if (sizes.kind === 'computed') {
        failClosed(ctx, `Resize sizes of node ${nodeLabel(ctx.node)} are computed at run time, so a pruned axis's entry cannot be rewritten`);
        return;
      }
      if (sizes.kind === 'known' && sizesAxes(ctx.node, layout, sizes.ints.length).some((a) => a < 0)) {
        failClosed(ctx, `Resize at node ${nodeLabel(ctx.node)} lists negative axes; write them as non-negative to prune through it`);
        return;
      }
      coupleUnchangedAxes(ctx, 'resizes');
    },
    rewrite: (ctx) => {
      if (sizesSource === undefined) return ctx.node;
      const sizes = intList(ctx, sizesSource);
      if (sizes.kind !== 'known') return ctx.node;
      const y = ctx.node.outputs[0] ?? '';
      const axes = sizesAxes(ctx.node, layout, sizes.ints.length);
      const next = sizes.ints.map((s, i) => ctx.kept({ value: y, axis: axes[i] ?? i })?.length ?? s);
      return next.every((s, i) => s === sizes.ints[i]) ? ctx.node : writeIntList(ctx, ctx.node, sizesSource, next);
    },
  });
}

/** Upsample (deprecated, opsets 7–9): X scaled per axis by `scales` (attribute at 7, input at 9); scale-1 axes pass. */
const upsample = definePruneHandler({
  opType: 'Upsample',
  since: 7,
  couple: (ctx) => {
    coupleUnchangedAxes(ctx, 'resizes');
  },
});

/**
 * Pad: X [d…] → Y with pads [b0 … b(n-1), e0 … e(n-1)] over every axis, or over `axes` (opset 18). Axes with zero
 * pads pass through; padded (or cropped: negative pads) axes are blocked. Pads are an attribute (`paddings` at opset
 * 1, `pads` at 2) and an input from opset 11; computed pads block everything.
 */
function padHandler(since: number, pads: { readonly input: number } | { readonly attr: string }, axesInput: number | undefined): PruneHandler {
  return definePruneHandler({
    opType: 'Pad',
    since,
    couple: (ctx) => {
      const x = ctx.node.inputs[0] ?? '';
      const y = ctx.node.outputs[0] ?? '';
      const rank = rankOf(ctx, x);
      const list = intList(ctx, pads);
      const axesList: IntList = axesInput === undefined ? { kind: 'absent' } : intList(ctx, { input: axesInput });
      if (rank === undefined || list.kind !== 'known' || axesList.kind === 'computed') {
        failClosed(ctx, `Pad amounts of node ${nodeLabel(ctx.node)} are ${rank === undefined ? 'applied to a value of unknown rank' : 'computed at run time'}`);
        return;
      }
      const axes = axesList.kind === 'known' ? axesList.ints.map((a) => normAxis(a, rank)) : Array.from({ length: rank }, (_, i) => i);
      const n = axes.length;
      for (let axis = 0; axis < rank; axis++) {
        const k = axes.indexOf(axis);
        const begin = k < 0 ? 0 : (list.ints[k] ?? 0);
        const end = k < 0 ? 0 : (list.ints[k + n] ?? 0);
        if (begin === 0 && end === 0) {
          couple(ctx, { value: x, axis }, { value: y, axis });
          continue;
        }
        const reason = `${at(ctx)} pads axis ${String(axis)} of '${x}' by (${String(begin)}, ${String(end)})`;
        ctx.block({ value: x, axis }, reason);
        ctx.block({ value: y, axis }, reason);
      }
    },
  });
}

export const resizePadPruneHandlers: readonly PruneHandler[] = [
  resizeHandler(10, { sizes: undefined, axes: false }),
  resizeHandler(11, { sizes: 3, axes: false }),
  resizeHandler(18, { sizes: 3, axes: true }),
  upsample,
  padHandler(1, { attr: 'paddings' }, undefined),
  padHandler(2, { attr: 'pads' }, undefined),
  padHandler(11, { input: 1 }, undefined),
  padHandler(18, { input: 1 }, 3),
];
