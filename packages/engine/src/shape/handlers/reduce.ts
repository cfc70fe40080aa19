import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { elementCount } from '../../ir/tensor.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { coordOf, stridesOf } from '../fold.ts';
import { defineShapeHandler, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { makeKnown, storeAs, type KnownValue } from '../known-value.ts';
import { concreteShape, freshShape, normalizeAxes, normalizeAxis } from '../shape-math.ts';
import { intsFromInputOrAttr } from './common.ts';
import { REDUCE_OPS } from '../../ops/reduce-facts.ts';

/** Reductions (ReduceX, ArgMax/ArgMin) and TopK. */

type Reducer = (xs: readonly Dim[], dims: DimAlgebra) => Dim | undefined;

const numeric =
  (f: (xs: readonly number[]) => number): Reducer =>
  (xs) =>
    xs.every((x): x is number => typeof x === 'number') ? f(xs) : undefined;

/** Reductions folded on small values; the others only infer shapes. */
const FOLDS: Readonly<Record<string, Reducer>> = {
  ReduceProd: (xs, d) => d.product(xs),
  ReduceSum: (xs, d) => xs.reduce<Dim>((s, x) => d.add(s, x), 0),
  ReduceMax: numeric((xs) => Math.max(...xs)),
  ReduceMin: numeric((xs) => Math.min(...xs)),
};


/** Folds a reduction over `axes` of a small value. */
function foldReduce(v: KnownValue, axes: ReadonlySet<number>, outDims: readonly number[], reducer: Reducer, dims: DimAlgebra): KnownValue | undefined {
  const keptDims = v.dims.map((d, i) => (axes.has(i) ? 1 : d));
  const groups: Dim[][] = Array.from({ length: elementCount(keptDims) }, () => []);
  const keptStrides = stridesOf(keptDims);
  for (let flat = 0; flat < v.data.length; flat++) {
    const c = coordOf(flat, v.dims);
    let target = 0;
    c.forEach((x, i) => {
      if (!axes.has(i)) target += x * (keptStrides[i] ?? 0);
    });
    const x = v.data[flat];
    if (x !== undefined) groups[target]?.push(x);
  }
  const data: Dim[] = [];
  for (const g of groups) {
    const y = reducer(g, dims);
    if (y === undefined) return undefined;
    data.push(typeof y === 'number' ? storeAs(v.dtype, y) : y);
  }
  return makeKnown(v.dtype, outDims, data);
}

/**
 * ReduceX: removes (keepdims=0) or sets to 1 (keepdims=1, the default) every reduced axis. No axes means all
 * axes, unless noop_with_empty_axes=1 (an input-form attribute), which makes the op an identity.
 */
function reduce(ctx: ShapeContext, axesInput: boolean): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
  const given = axesInput ? intsFromInputOrAttr(ctx, 1, undefined) : intsFromInputOrAttr(ctx, undefined, 'axes');
  if (input === undefined) return tensorOut(dtype, undefined);
  if (!given.known) {
    const rank = keep ? input.length : given.length === undefined ? undefined : input.length - given.length;
    return tensorOut(dtype, rank === undefined ? undefined : freshShape(ctx.dims, rank));
  }
  if ((given.ints === undefined || given.ints.length === 0) && axesInput && attrInt(ctx.node, 'noop_with_empty_axes', 0) === 1) {
    return tensorOut(dtype, input, ctx.value(0));
  }
  const axes = new Set(given.ints === undefined || given.ints.length === 0 ? input.map((_, i) => i) : normalizeAxes(given.ints, input.length));
  const out = keep ? input.map((d, i) => (axes.has(i) ? 1 : d)) : input.filter((_, i) => !axes.has(i));
  const reducer = FOLDS[ctx.node.opType];
  const v = ctx.value(0);
  const outDims = concreteShape(out);
  const value = reducer === undefined || v === undefined || outDims === undefined ? undefined : foldReduce(v, axes, outDims, reducer, ctx.dims);
  return tensorOut(dtype, out, value);
}

/** ArgMax/ArgMin: int64, the axis removed or kept as 1. */
const argReduce = (opType: string): ShapeHandler =>
  defineShapeHandler({
    opType,
    since: 1,
    infer: (ctx) => {
      const input = ctx.shape(0);
      if (input === undefined) return [tensorOut(DataType.INT64, undefined)];
      const axis = normalizeAxis(attrInt(ctx.node, 'axis', 0), input.length);
      const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
      return [tensorOut(DataType.INT64, keep ? input.map((d, i) => (i === axis ? 1 : d)) : input.filter((_, i) => i !== axis))];
    },
  });

/** TopK: Values (X's type) and Indices (int64), X's shape with dim `axis` (default −1) set to K. */
function topK(ctx: ShapeContext, kInput: boolean): ShapeOutput[] {
  const input = ctx.shape(0);
  if (input === undefined) return [tensorOut(ctx.dtype(0), undefined), tensorOut(DataType.INT64, undefined)];
  const axis = normalizeAxis(attrInt(ctx.node, 'axis', -1), input.length);
  const kValue = kInput ? ctx.value(1)?.data[0] : attrInt(ctx.node, 'k');
  const out = [...input];
  out[axis] = kValue ?? ctx.dims.fresh();
  return [tensorOut(ctx.dtype(0), out), tensorOut(DataType.INT64, out)];
}

export const reduceShapeHandlers: readonly ShapeHandler[] = [
  ...REDUCE_OPS.flatMap(([opType, inputSince]) => [
    defineShapeHandler({ opType, since: 1, infer: (ctx) => [reduce(ctx, false)] }),
    defineShapeHandler({ opType, since: inputSince, infer: (ctx) => [reduce(ctx, true)] }),
  ]),
  argReduce('ArgMax'),
  argReduce('ArgMin'),
  // K is an attribute at opset 1 and a 1-element input from 10.
  defineShapeHandler({ opType: 'TopK', since: 1, infer: (ctx) => topK(ctx, false) }),
  defineShapeHandler({ opType: 'TopK', since: 10, infer: (ctx) => topK(ctx, true) }),
];
