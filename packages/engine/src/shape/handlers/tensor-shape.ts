import { attrInt, attrInts } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { coordOf, reshapeKnown, stridesOf } from '../fold.ts';
import { makeKnown } from '../known-value.ts';
import { broadcastShapes, concreteShape, formatShape, freshShape, normalizeAxes, normalizeAxis } from '../shape-math.ts';
import { dimsInput, intsFromInputOrAttr, lengthOf1d } from './common.ts';
import { foldInputs } from './elementwise.ts';

/** Ops that rearrange a tensor without computing: Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Expand, Tile. */

/**
 * Reshape's output (ONNX Reshape): 0 copies the input dim at that index (unless allowzero=1), at most one −1 takes
 * whatever is left: product(input) / product(other output dims), with equal symbolic factors cancelled first.
 */
function reshapeTo(ctx: ShapeContext, target: readonly Dim[] | undefined, allowZero: boolean, targetLength: number | undefined): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  if (target === undefined) return tensorOut(dtype, targetLength === undefined ? undefined : freshShape(ctx.dims, targetLength));
  let inferIndex = -1;
  const out: Dim[] = target.map((t, i) => {
    if (t === 0 && !allowZero) {
      if (input === undefined) return ctx.dims.fresh();
      const d = input[i];
      if (d === undefined) fail('shape-mismatch', `shape[${String(i)}] is 0 (copy) but the input ${formatShape(input)} has no dim ${String(i)}.`);
      return d;
    }
    if (t === -1) {
      if (inferIndex >= 0) fail('invalid-attribute', `shape ${target.join(',')} has more than one -1.`);
      inferIndex = i;
      return -1;
    }
    if (typeof t === 'number' && t < -1) fail('invalid-attribute', `shape[${String(i)}] is ${String(t)}; expected ≥ -1.`);
    return t;
  });
  if (inferIndex >= 0) {
    const known = out.filter((_, i) => i !== inferIndex);
    out[inferIndex] = input === undefined ? ctx.dims.fresh() : ctx.dims.quotientOfProducts(input, known);
  }
  return tensorOut(dtype, out, reshapeKnown(ctx.value(0), out));
}

const reshapeV1 = defineShapeHandler({
  opType: 'Reshape',
  since: 1,
  infer: (ctx) => [reshapeTo(ctx, attrInts(ctx.node, 'shape'), false, undefined)],
});

const reshape = defineShapeHandler({
  opType: 'Reshape',
  since: 5,
  infer: (ctx) => [reshapeTo(ctx, dimsInput(ctx, 1), attrInt(ctx.node, 'allowzero', 0) === 1, lengthOf1d(ctx, 1))],
});

/** Flatten: [prod(d[0:axis]), prod(d[axis:])]; axis in [-r, r] (negative from opset 11). */
const flatten = defineShapeHandler({
  opType: 'Flatten',
  since: 1,
  infer: (ctx) => {
    const input = ctx.shape(0);
    if (input === undefined) return [tensorOut(ctx.dtype(0), [ctx.dims.fresh(), ctx.dims.fresh()])];
    const raw = attrInt(ctx.node, 'axis', 1);
    const axis = raw < 0 ? raw + input.length : raw;
    if (axis < 0 || axis > input.length) fail('invalid-attribute', `axis ${String(raw)} is out of range for rank ${String(input.length)}.`);
    const out = [ctx.dims.product(input.slice(0, axis)), ctx.dims.product(input.slice(axis))];
    return [tensorOut(ctx.dtype(0), out, reshapeKnown(ctx.value(0), out))];
  },
});

/** Transpose: output dim i is input dim perm[i]; the default perm reverses the dims. */
const transpose = defineShapeHandler({
  opType: 'Transpose',
  since: 1,
  infer: (ctx) => {
    const input = ctx.shape(0);
    if (input === undefined) return [tensorOut(ctx.dtype(0), undefined)];
    const perm = attrInts(ctx.node, 'perm') ?? input.map((_, i) => input.length - 1 - i);
    if (perm.length !== input.length || normalizeAxes(perm, input.length, 'perm').length !== input.length) {
      fail('invalid-attribute', `perm ${perm.join(',')} is not a permutation of ${String(input.length)} axes.`);
    }
    const out = perm.map((p) => input[normalizeAxis(p, input.length, 'perm')] ?? 1);
    return [tensorOut(ctx.dtype(0), out, transposeKnown(ctx, perm, out))];
  },
});

function transposeKnown(ctx: ShapeContext, perm: readonly number[], out: readonly Dim[]): ReturnType<typeof makeKnown> {
  const v = ctx.value(0);
  const outDims = concreteShape(out);
  if (v === undefined || outDims === undefined) return undefined;
  const inStrides = stridesOf(v.dims);
  const data: Dim[] = [];
  for (let flat = 0; flat < v.data.length; flat++) {
    const c = coordOf(flat, outDims);
    let src = 0;
    perm.forEach((p, i) => {
      src += (c[i] ?? 0) * (inStrides[p] ?? 0);
    });
    const x = v.data[src];
    if (x === undefined) return undefined;
    data.push(x);
  }
  return makeKnown(v.dtype, outDims, data);
}

/**
 * Squeeze: removes the listed axes (which must be 1; symbolic dims are taken to be 1), or every dim equal to 1
 * when no axes are given, which needs every dim to be known.
 */
function squeeze(ctx: ShapeContext, axesInput: boolean): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  const axes = axesInput ? intsFromInputOrAttr(ctx, 1, undefined) : intsFromInputOrAttr(ctx, undefined, 'axes');
  if (input === undefined) return tensorOut(dtype, undefined);
  if (!axes.known) return tensorOut(dtype, axes.length === undefined ? undefined : freshShape(ctx.dims, input.length - axes.length));
  let out: Dim[];
  if (axes.ints === undefined || axes.ints.length === 0) {
    if (input.some((d) => typeof d !== 'number')) return tensorOut(dtype, undefined);
    out = input.filter((d) => d !== 1);
  } else {
    const drop = new Set(normalizeAxes(axes.ints, input.length));
    for (const a of drop) {
      const d = input[a];
      if (typeof d === 'number' && d !== 1) fail('shape-mismatch', `cannot squeeze axis ${String(a)} of ${formatShape(input)}: its size is ${String(d)}, not 1.`);
    }
    out = input.filter((_, i) => !drop.has(i));
  }
  return tensorOut(dtype, out, reshapeKnown(ctx.value(0), out));
}

/** Unsqueeze: inserts 1s at the listed axes, which index the output (rank + len(axes)). */
function unsqueeze(ctx: ShapeContext, axesInput: boolean): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  const axes = axesInput ? intsFromInputOrAttr(ctx, 1, undefined) : intsFromInputOrAttr(ctx, undefined, 'axes');
  if (input === undefined) return tensorOut(dtype, undefined);
  if (!axes.known) return tensorOut(dtype, axes.length === undefined ? undefined : freshShape(ctx.dims, input.length + axes.length));
  if (axes.ints === undefined) fail('invalid-attribute', 'axes is required.');
  const rank = input.length + axes.ints.length;
  const ones = new Set(normalizeAxes(axes.ints, rank));
  const out: Dim[] = [];
  let next = 0;
  for (let i = 0; i < rank; i++) out.push(ones.has(i) ? 1 : (input[next++] ?? 1));
  return tensorOut(dtype, out, reshapeKnown(ctx.value(0), out));
}

/** Expand: bidirectional broadcast of the input shape with the target shape. */
const expand = defineShapeHandler({
  opType: 'Expand',
  since: 8,
  infer: (ctx) => {
    const dtype = ctx.dtype(0);
    const input = ctx.shape(0);
    const target = dimsInput(ctx, 1);
    if (target === undefined) {
      const len = lengthOf1d(ctx, 1);
      if (input === undefined || len === undefined) return [tensorOut(dtype, undefined)];
      const rank = Math.max(len, input.length);
      // Each unknown target dim is 1 or the output dim, so an input dim other than 1 is the output dim.
      const out = Array.from({ length: rank }, (_, i) => {
        const d = input[i - (rank - input.length)];
        return d !== undefined && d !== 1 ? d : ctx.dims.fresh();
      });
      return [tensorOut(dtype, out)];
    }
    const out = broadcastShapes(ctx.dims, [input, target]);
    return [tensorOut(dtype, out, out === undefined ? undefined : foldInputs(ctx, [0], out, dtype, ([x]) => x))];
  },
});

/** Tile: out[i] = in[i] · repeats[i]. */
const tile = defineShapeHandler({
  opType: 'Tile',
  since: 6,
  infer: (ctx) => {
    const dtype = ctx.dtype(0);
    const input = ctx.shape(0);
    const repeats = dimsInput(ctx, 1);
    if (input === undefined) return [tensorOut(dtype, undefined)];
    if (repeats === undefined) return [tensorOut(dtype, freshShape(ctx.dims, input.length))];
    if (repeats.length !== input.length) fail('shape-mismatch', `repeats has ${String(repeats.length)} values; the input has rank ${String(input.length)}.`);
    return [tensorOut(dtype, input.map((d, i) => ctx.dims.mul(d, repeats[i] ?? 1)))];
  },
});

/** DepthToSpace: [N, C/(b·b), H·b, W·b]; SpaceToDepth: [N, C·b·b, H/b, W/b]. */
function blockRearrange(opType: string, toSpace: boolean): ShapeHandler {
  return defineShapeHandler({
    opType,
    since: 1,
    infer: (ctx) => {
      const input = ctx.shape(0);
      const b = attrInt(ctx.node, 'blocksize');
      if (b === undefined || b <= 0) fail('invalid-attribute', 'blocksize must be a positive integer.');
      if (input === undefined) return [tensorOut(ctx.dtype(0), undefined)];
      if (input.length !== 4) fail('shape-mismatch', `${opType} needs a 4-D input; found ${formatShape(input)}.`);
      const [n = 1, c = 1, h = 1, w = 1] = input;
      const d = ctx.dims;
      const out = toSpace ? [n, d.floorDiv(c, b * b), d.mul(h, b), d.mul(w, b)] : [n, d.mul(c, b * b), d.floorDiv(h, b), d.floorDiv(w, b)];
      return [tensorOut(ctx.dtype(0), out)];
    },
  });
}

export const tensorShapeShapeHandlers: readonly ShapeHandler[] = [
  reshapeV1,
  reshape,
  flatten,
  transpose,
  // Axes are an attribute up to opset 12 and an input from opset 13.
  defineShapeHandler({ opType: 'Squeeze', since: 1, infer: (ctx) => [squeeze(ctx, false)] }),
  defineShapeHandler({ opType: 'Squeeze', since: 13, infer: (ctx) => [squeeze(ctx, true)] }),
  defineShapeHandler({ opType: 'Unsqueeze', since: 1, infer: (ctx) => [unsqueeze(ctx, false)] }),
  defineShapeHandler({ opType: 'Unsqueeze', since: 13, infer: (ctx) => [unsqueeze(ctx, true)] }),
  expand,
  tile,
  blockRearrange('DepthToSpace', true),
  blockRearrange('SpaceToDepth', false),
];

