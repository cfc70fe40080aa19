import { attrInt } from '../../ir/attributes.ts';
import { definePruneHandler, type PruneHandler } from '../types.ts';
import { at, failClosed, linkAllAxes, normAxis, perChannel, rankOf } from './common.ts';

/**
 * QuantizeLinear and DequantizeLinear: Y has X's shape; every axis passes through. The scale and zero point are
 * per-tensor (a scalar or [1]: nothing to slice) or per-axis (1-D, one entry per index of `axis`, default 1, opset
 * 13+): a constant per-axis scale is a weight slice of that axis. Blocked quantization (`block_size`, opset 21) is
 * not handled and blocks the node.
 */
function coupleQuantize(opType: string): PruneHandler {
  return definePruneHandler({
    opType,
    since: 10,
    couple: (ctx) => {
      const [x = '', scale = '', zeroPoint = ''] = ctx.node.inputs;
      const y = ctx.node.outputs[0] ?? '';
      if (attrInt(ctx.node, 'block_size', 0) > 0) {
        failClosed(ctx, `${at(ctx)} uses blocked quantization (block_size), which pruning does not handle`);
        return;
      }
      linkAllAxes(ctx, x, y);
      const rank = rankOf(ctx, y);
      if (rank === undefined) return;
      const axis = normAxis(attrInt(ctx.node, 'axis', 1), rank);
      for (const p of [scale, zeroPoint]) {
        if (p === '') continue;
        const s = ctx.shape(p);
        if (s === undefined || s.length > 1) {
          failClosed(ctx, `${at(ctx)}: '${p}' is neither per-tensor nor per-axis`);
          return;
        }
        if (s.length === 1 && s[0] !== 1) perChannel(ctx, { value: y, axis }, p, 0);
      }
    },
  });
}

export const castQuantizePruneHandlers: readonly PruneHandler[] = [coupleQuantize('QuantizeLinear'), coupleQuantize('DequantizeLinear')];
