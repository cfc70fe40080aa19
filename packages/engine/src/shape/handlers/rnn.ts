import { attrInt, attrString } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';

/**
 * Recurrent layers (ONNX RNN, GRU, LSTM). With layout 0 (default) X is [seq, batch, input]; layout 1 (opset 14)
 * puts batch first. Y is [seq, directions, batch, hidden] (layout 1: [batch, seq, directions, hidden]); Y_h and
 * LSTM's Y_c are [directions, batch, hidden] (layout 1: [batch, directions, hidden]).
 */
function recurrent(ctx: ShapeContext, gates: number, stateOutputs: number): ShapeOutput[] {
  const dtype = ctx.dtype(0);
  const x = ctx.shape(0);
  const layout = attrInt(ctx.node, 'layout', 0);
  const directions = attrString(ctx.node, 'direction', 'forward') === 'bidirectional' ? 2 : 1;
  const fromWeights = ctx.shape(1)?.[1];
  const hidden: Dim = attrInt(ctx.node, 'hidden_size') ?? (fromWeights === undefined ? ctx.dims.fresh() : ctx.dims.floorDiv(fromWeights, gates));
  const seq = x?.[layout === 0 ? 0 : 1] ?? ctx.dims.fresh();
  const batch = x?.[layout === 0 ? 1 : 0] ?? ctx.dims.fresh();
  const y = layout === 0 ? [seq, directions, batch, hidden] : [batch, seq, directions, hidden];
  const state = layout === 0 ? [directions, batch, hidden] : [batch, directions, hidden];
  return [tensorOut(dtype, y), ...Array.from({ length: stateOutputs }, () => tensorOut(dtype, state))];
}

export const rnnShapeHandlers: readonly ShapeHandler[] = [
  defineShapeHandler({ opType: 'RNN', since: 1, infer: (ctx) => recurrent(ctx, 1, 1) }),
  defineShapeHandler({ opType: 'GRU', since: 1, infer: (ctx) => recurrent(ctx, 3, 1) }),
  defineShapeHandler({ opType: 'LSTM', since: 1, infer: (ctx) => recurrent(ctx, 4, 2) }),
];
