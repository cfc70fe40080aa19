import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { normalizeAxis } from '../shape-math.ts';
import { likeInput } from './common.ts';

/** Normalization ops: Y has X's shape; the optional statistics outputs are per channel or per normalized row. */

/** Channel count of a BatchNormalization: scale's length, else X's dim 1. */
function channels(ctx: ShapeContext): Dim {
  const scale = ctx.shape(1);
  if (scale?.length === 1 && scale[0] !== undefined) return scale[0];
  return ctx.shape(0)?.[1] ?? ctx.dims.fresh();
}

/**
 * BatchNormalization. Before opset 14 the optional outputs are mean, var, saved_mean, saved_var (all [C], X's
 * type). From 14 they are running_mean and running_var, present with `training_mode=1`; from 15 their type is that of
 * input_mean (T2), which may differ from X's (BatchNormalization-15 type constraints).
 */
const batchNorm = defineShapeHandler({
  opType: 'BatchNormalization',
  since: 1,
  infer: (ctx) => {
    const stats: ShapeOutput = tensorOut(ctx.opset >= 15 ? (ctx.dtype(3) ?? ctx.dtype(0)) : ctx.dtype(0), [channels(ctx)]);
    const count = ctx.opset >= 14 ? 2 : 4;
    return [likeInput(ctx), ...Array.from({ length: count }, () => stats)];
  },
});

/**
 * LayerNormalization (opset 17; onnxruntime also accepts it in ai.onnx at older opsets as a contrib op, hence
 * `since: 1`). Mean and InvStdDev have X's shape with every normalized dim (axis..rank-1) set to 1, and the
 * `stash_type` dtype (default float).
 */
const layerNorm = defineShapeHandler({
  opType: 'LayerNormalization',
  since: 1,
  infer: (ctx) => {
    const shape = ctx.shape(0);
    const statType = attrInt(ctx.node, 'stash_type', DataType.FLOAT);
    let statShape: Dim[] | undefined;
    if (shape !== undefined) {
      const axis = normalizeAxis(attrInt(ctx.node, 'axis', -1), shape.length);
      statShape = shape.map((d, i) => (i < axis ? d : 1));
    }
    return [likeInput(ctx), tensorOut(statType, statShape), tensorOut(statType, statShape)];
  },
});

const sameShape = (opType: string, since: number): ShapeHandler => defineShapeHandler({ opType, since, infer: (ctx) => [likeInput(ctx)] });

export const normalizationShapeHandlers: readonly ShapeHandler[] = [
  batchNorm,
  layerNorm,
  sameShape('InstanceNormalization', 1),
  sameShape('GroupNormalization', 18),
  sameShape('LRN', 1),
  sameShape('LpNormalization', 1),
  sameShape('MeanVarianceNormalization', 9),
];
