import { definePruneHandler, type CoupleContext, type PruneHandler } from '../types.ts';
import { at, couple, failClosed, rankOf } from './common.ts';

/**
 * Pooling: X [N, C, D…] → Y [N, C, D'…]. Each channel is pooled on its own, so N and C pass through; the spatial
 * axes change size and are not coupled. MaxPool's optional Indices output (opset 8+) holds flat offsets into X that
 * count whole channels (n·C·H·W + c·H·W + …), so removing a channel would change every index after it: a MaxPool
 * whose Indices are used blocks its channels.
 */
function couplePool(ctx: CoupleContext): void {
  const x = ctx.node.inputs[0] ?? '';
  const y = ctx.node.outputs[0] ?? '';
  const rank = rankOf(ctx, x);
  if (rank === undefined || rank < 2 || rankOf(ctx, y) !== rank) {
    failClosed(ctx, `${at(ctx)}: the ranks of '${x}' and '${y}' are unknown or differ`);
    return;
  }
  couple(ctx, { value: x, axis: 0 }, { value: y, axis: 0 });
  couple(ctx, { value: x, axis: 1 }, { value: y, axis: 1 });
  const indices = ctx.node.outputs[1] ?? '';
  if (indices !== '') {
    ctx.block({ value: x, axis: 1 }, `${at(ctx)} returns Indices '${indices}', which encode channel offsets into '${x}'`);
  }
}

const POOLS = ['MaxPool', 'AveragePool', 'LpPool', 'GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool'] as const;

export const poolPruneHandlers: readonly PruneHandler[] = POOLS.map((opType) => definePruneHandler({ opType, since: 1, couple: couplePool }));
