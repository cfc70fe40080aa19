import { attrInt, nodeLabel } from '../../ir/attributes.ts';
import { definePruneHandler, type CoupleContext, type PruneHandler } from '../types.ts';
import { at, couple, coupleBroadcast, failClosed, linkAllAxes, normAxis, perChannel, rankOf } from './common.ts';

/*
 * Normalization ops. Every axis of X passes through to Y. Axes normalized per channel (BatchNorm, InstanceNorm) keep
 * their channels independent, so channels can go; an axis the op normalizes *over* (LayerNorm's feature axes,
 * GroupNorm's channels, LpNorm's axis) mixes every index into every output, so it is blocked.
 */

/** Blocks the normalized axes `from`..rank-1 of `y` (those the statistics are computed over). */
function blockNormalized(ctx: CoupleContext, y: string, axes: readonly number[], reason: string): void {
  for (const axis of axes) ctx.block({ value: y, axis }, reason);
}

/**
 * BatchNormalization: X [N, C, D…] → Y [N, C, D…]; scale, B, input_mean, input_var are [C], weight slices of Y's
 * channel axis (linked instead when computed). In training mode the extra outputs are [C] too (running_mean and
 * running_var from opset 14; mean, var, saved_mean, saved_var before) and follow the channels.
 */
const batchNormalization = definePruneHandler({
  opType: 'BatchNormalization',
  since: 1,
  couple: (ctx) => {
    const [x = '', ...stats] = ctx.node.inputs;
    const [y = '', ...extra] = ctx.node.outputs;
    linkAllAxes(ctx, x, y);
    const channel = { value: y, axis: 1 };
    for (const s of stats.slice(0, 4)) perChannel(ctx, channel, s, 0);
    for (const o of extra) if (o !== '') couple(ctx, channel, { value: o, axis: 0 });
  },
});

/**
 * InstanceNormalization: X [N, C, D…] → Y, normalized over the spatial axes D… of each (n, c); scale and B are [C],
 * weight slices of Y's channels. The spatial axes are blocked (they are normalized over).
 */
const instanceNormalization = definePruneHandler({
  opType: 'InstanceNormalization',
  since: 1,
  couple: (ctx) => {
    const [x = '', scale = '', bias = ''] = ctx.node.inputs;
    const y = ctx.node.outputs[0] ?? '';
    linkAllAxes(ctx, x, y);
    perChannel(ctx, { value: y, axis: 1 }, scale, 0);
    perChannel(ctx, { value: y, axis: 1 }, bias, 0);
    const rank = rankOf(ctx, y) ?? 0;
    const spatial = Array.from({ length: Math.max(0, rank - 2) }, (_, i) => i + 2);
    blockNormalized(ctx, y, spatial, `${at(ctx)} normalizes over this axis; pruning it changes every output`);
  },
});

/**
 * LayerNormalization: X [d0 … d(a-1), da … d(r-1)] with `axis` a (default -1) is normalized over da…d(r-1); Scale and
 * B broadcast to those axes (usually [d(r-1)]). The leading axes pass through; the normalized ones are blocked, which
 * blocks a transformer's residual stream (intended: every LayerNorm reads all of it). The optional Mean and
 * InvStdDev outputs are [d0 … d(a-1), 1 …] and follow the leading axes.
 */
const layerNormalization = definePruneHandler({
  opType: 'LayerNormalization',
  since: 1,
  couple: (ctx) => {
    const [x = '', scale = '', bias = ''] = ctx.node.inputs;
    const [y = '', ...stats] = ctx.node.outputs;
    const rank = rankOf(ctx, x);
    if (rank === undefined) {
      failClosed(ctx, `${at(ctx)}: the rank of '${x}' is unknown`);
      return;
    }
    const axis = normAxis(attrInt(ctx.node, 'axis', -1), rank);
    linkAllAxes(ctx, x, y);
    coupleBroadcast(ctx, [scale, bias], y);
    for (const s of stats) {
      if (s === '') continue;
      for (let k = 0; k < axis; k++) couple(ctx, { value: y, axis: k }, { value: s, axis: k });
    }
    const normalized = Array.from({ length: rank - axis }, (_, i) => axis + i);
    blockNormalized(ctx, y, normalized, `LayerNormalization normalizes over this axis; pruning it changes every output (at node ${nodeLabel(ctx.node)})`);
  },
});

/**
 * GroupNormalization: X [N, C, D…] → Y; the C channels form `num_groups` groups, each normalized over its channels
 * and D…. Scale and bias are [num_groups] (opset 18) or [C] (opset 21). The channel and spatial axes are normalized
 * over, so they are blocked; N passes through.
 */
const groupNormalization = definePruneHandler({
  opType: 'GroupNormalization',
  since: 18,
  couple: (ctx) => {
    const [x = '', scale = '', bias = ''] = ctx.node.inputs;
    const y = ctx.node.outputs[0] ?? '';
    linkAllAxes(ctx, x, y);
    const channels = ctx.shape(y)?.[1];
    for (const p of [scale, bias]) if (p !== '' && ctx.shape(p)?.[0] === channels) perChannel(ctx, { value: y, axis: 1 }, p, 0);
    const rank = rankOf(ctx, y) ?? 0;
    const normalized = Array.from({ length: Math.max(0, rank - 1) }, (_, i) => i + 1);
    blockNormalized(ctx, y, normalized, `GroupNormalization normalizes over this axis within each group; pruning it changes every output (at node ${nodeLabel(ctx.node)})`);
  },
});

/** LpNormalization: X → Y scaled to unit p-norm along `axis` (default -1); that axis is blocked, the rest pass. */
const lpNormalization = definePruneHandler({
  opType: 'LpNormalization',
  since: 1,
  couple: (ctx) => {
    const x = ctx.node.inputs[0] ?? '';
    const y = ctx.node.outputs[0] ?? '';
    linkAllAxes(ctx, x, y);
    const rank = rankOf(ctx, y);
    if (rank === undefined) return;
    const axis = normAxis(attrInt(ctx.node, 'axis', -1), rank);
    ctx.block({ value: y, axis }, `${at(ctx)} normalizes over axis ${String(axis)} of '${x}'; pruning it changes every output`);
  },
});

export const normalizationPruneHandlers: readonly PruneHandler[] = [
  batchNormalization,
  instanceNormalization,
  layerNormalization,
  groupNormalization,
  lpNormalization,
];
