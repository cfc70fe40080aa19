import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { reshapeKnown } from '../fold.ts';
import { pickAlongAxis } from '../fold-axis.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeHandler } from '../handler.ts';
import { numbersOf, scalarOf } from '../known-value.ts';
import { concreteShape, formatShape, normalizeAxis } from '../shape-math.ts';
import { likeInput } from './common.ts';

/** Indexing ops: Gather (folded: it is how shape subgraphs pick dims), GatherElements, GatherND, scatters, OneHot. */

/** Gather: data.shape[:axis] + indices.shape + data.shape[axis+1:]; negative indices count from the end. */
const gather = defineShapeHandler({
  opType: 'Gather',
  since: 1,
  infer: (ctx) => {
    const dtype = ctx.dtype(0);
    const data = ctx.shape(0);
    const indices = ctx.shape(1);
    if (data === undefined || indices === undefined) return [tensorOut(dtype, undefined)];
    const axis = normalizeAxis(attrInt(ctx.node, 'axis', 0), data.length);
    const out = [...data.slice(0, axis), ...indices, ...data.slice(axis + 1)];
    const v = ctx.value(0);
    const idx = numbersOf(ctx.value(1));
    const axisDim = data[axis];
    if (v === undefined || idx === undefined || typeof axisDim !== 'number') return [tensorOut(dtype, out)];
    const picked = pickAlongAxis(v, axis, idx.map((i) => (i < 0 ? i + axisDim : i)));
    return [tensorOut(dtype, out, reshapeKnown(picked, out))];
  },
});

/** GatherND: indices.shape[:-1] + data.shape[batch_dims + k:], k = indices.shape[-1] (must be concrete). */
const gatherND = defineShapeHandler({
  opType: 'GatherND',
  since: 11,
  infer: (ctx) => {
    const dtype = ctx.dtype(0);
    const data = ctx.shape(0);
    const indices = ctx.shape(1);
    if (data === undefined || indices === undefined) return [tensorOut(dtype, undefined)];
    const k = indices[indices.length - 1];
    if (typeof k !== 'number') return [tensorOut(dtype, undefined)];
    const b = attrInt(ctx.node, 'batch_dims', 0);
    if (b + k > data.length) fail('shape-mismatch', `GatherND indexes ${String(b + k)} dims of data ${formatShape(data)}.`);
    return [tensorOut(dtype, [...indices.slice(0, -1), ...data.slice(b + k)])];
  },
});

/** OneHot: indices' shape with `depth` inserted at `axis` (default −1); the dtype of `values`. */
const oneHot = defineShapeHandler({
  opType: 'OneHot',
  since: 9,
  infer: (ctx) => {
    const dtype = ctx.dtype(2);
    const indices = ctx.shape(0);
    if (indices === undefined) return [tensorOut(dtype, undefined)];
    const rank = indices.length + 1;
    const axis = normalizeAxis(attrInt(ctx.node, 'axis', -1), rank);
    const depth = scalarOf(ctx.value(1));
    const d: Dim = typeof depth === 'number' ? Math.trunc(depth) : (depth ?? ctx.dims.fresh());
    return [tensorOut(dtype, [...indices.slice(0, axis), d, ...indices.slice(axis)])];
  },
});

/** NonZero: [rank(X), number of non-zeros], int64; the count is known only when X's value is. */
const nonZero = defineShapeHandler({
  opType: 'NonZero',
  since: 9,
  infer: (ctx) => {
    const x = ctx.shape(0);
    const values = numbersOf(ctx.value(0));
    const count = values === undefined ? ctx.dims.fresh() : values.filter((v) => v !== 0).length;
    return [tensorOut(DataType.INT64, [x?.length ?? ctx.dims.fresh(), count])];
  },
});

/** Compress: the selected dim (or the flattened input when no axis) has as many entries as the condition's trues. */
const compress = defineShapeHandler({
  opType: 'Compress',
  since: 9,
  infer: (ctx) => {
    const dtype = ctx.dtype(0);
    const x = ctx.shape(0);
    const cond = numbersOf(ctx.value(1));
    const axisAttr = attrInt(ctx.node, 'axis');
    if (x === undefined) return [tensorOut(dtype, undefined)];
    const axis = axisAttr === undefined ? undefined : normalizeAxis(axisAttr, x.length);
    const limit = axis === undefined ? concreteShape(x)?.reduce((a, b) => a * b, 1) : x[axis];
    const count = cond === undefined || typeof limit !== 'number' ? ctx.dims.fresh() : cond.slice(0, limit).filter((c) => c !== 0).length;
    if (axis === undefined) return [tensorOut(dtype, [count])];
    const out = [...x];
    out[axis] = count;
    return [tensorOut(dtype, out)];
  },
});

/** NonMaxSuppression: int64 [selected, 3]; the selection count depends on the data. */
const nonMaxSuppression = defineShapeHandler({
  opType: 'NonMaxSuppression',
  since: 10,
  infer: (ctx) => [tensorOut(DataType.INT64, [ctx.dims.fresh(), 3])],
});

const likeIndices = (opType: string, since: number): ShapeHandler =>
  defineShapeHandler({ opType, since, infer: (ctx) => [likeInput(ctx, 1, ctx.dtype(0))] });
const likeData = (opType: string, since: number): ShapeHandler => defineShapeHandler({ opType, since, infer: (ctx) => [likeInput(ctx)] });

export const gatherShapeHandlers: readonly ShapeHandler[] = [
  gather,
  gatherND,
  likeIndices('GatherElements', 11),
  likeData('Scatter', 9),
  likeData('ScatterElements', 11),
  likeData('ScatterND', 11),
  oneHot,
  nonZero,
  nonMaxSuppression,
  compress,
];
