import { attrInt } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { concatAlongAxis, pickAlongAxis } from '../fold-axis.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import type { KnownValue } from '../known-value.ts';
import { freshShape, mergeEqualDims, normalizeAxes, normalizeAxis } from '../shape-math.ts';
import { intsFromInputOrAttr } from './common.ts';

/** Concat, Split and Slice: shapes along one axis, with folding of small values. */

/** Concat: dims add up along `axis`; every other dim must agree. */
const concat = defineShapeHandler({
  opType: 'Concat',
  since: 1,
  infer: (ctx) => {
    const slots = Array.from({ length: ctx.inputCount }, (_, i) => i).filter((i) => ctx.has(i));
    const dtype = slots.map((i) => ctx.dtype(i)).find((t) => t !== undefined);
    const shapes = slots.map((i) => ctx.shape(i));
    const known = shapes.find((s) => s !== undefined);
    if (known === undefined) return [tensorOut(dtype, undefined)];
    // Concat-1 defaults axis to 1; from opset 4 it is required.
    const axis = normalizeAxis(attrInt(ctx.node, 'axis', ctx.opset < 4 ? 1 : Number.NaN), known.length);
    const out = [...known];
    let sum: Dim = 0;
    let allKnown = true;
    for (const s of shapes) {
      if (s === undefined) {
        allKnown = false;
        continue;
      }
      if (s.length !== known.length) fail('shape-mismatch', `Concat inputs have ranks ${String(known.length)} and ${String(s.length)}.`);
      s.forEach((d, i) => {
        if (i === axis) sum = ctx.dims.add(sum, d);
        else out[i] = mergeEqualDims(out[i] ?? d, d, `Concat dim ${String(i)}`);
      });
    }
    out[axis] = allKnown ? sum : ctx.dims.fresh();
    const values: KnownValue[] = [];
    for (const i of slots) {
      const v = ctx.value(i);
      if (v !== undefined) values.push(v);
    }
    const value = values.length === slots.length && dtype !== undefined ? concatAlongAxis(values, axis, dtype) : undefined;
    return [tensorOut(dtype, out, value)];
  },
});

/**
 * Split sizes along the axis. The `split` list comes from an attribute (opset < 13) or an input (13+); without
 * one, opset 18's num_outputs gives ceil(d / n)-sized chunks with a smaller last one, and older opsets split evenly.
 */
function splitSizes(ctx: ShapeContext, dim: Dim, count: number, splitInput: boolean): Dim[] | undefined {
  const given = splitInput ? intsFromInputOrAttr(ctx, 1, undefined) : intsFromInputOrAttr(ctx, ctx.opset < 2 ? 1 : undefined, 'split');
  if (!given.known) return undefined;
  if (given.ints !== undefined && given.ints.length > 0) {
    if (given.ints.length !== count) fail('invalid-attribute', `split has ${String(given.ints.length)} sizes for ${String(count)} outputs.`);
    return given.ints;
  }
  const d = ctx.dims;
  if (ctx.opset >= 18 && attrInt(ctx.node, 'num_outputs') !== undefined) {
    const chunk = d.ceilDiv(dim, count);
    return Array.from({ length: count }, (_, i) => (i < count - 1 ? chunk : d.sub(dim, d.mul(chunk, count - 1))));
  }
  if (typeof dim === 'number' && dim % count !== 0) fail('shape-mismatch', `cannot split ${String(dim)} evenly into ${String(count)} outputs.`);
  return new Array<Dim>(count).fill(d.floorDiv(dim, count));
}

function split(ctx: ShapeContext, splitInput: boolean): ShapeOutput[] {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  const count = ctx.node.outputs.length;
  if (input === undefined) return Array.from({ length: count }, () => tensorOut(dtype, undefined));
  const axis = normalizeAxis(attrInt(ctx.node, 'axis', 0), input.length);
  const sizes = splitSizes(ctx, input[axis] ?? 1, count, splitInput);
  const v = ctx.value(0);
  let offset = 0;
  return Array.from({ length: count }, (_, k) => {
    const size = sizes?.[k] ?? ctx.dims.fresh();
    const shape = [...input];
    shape[axis] = size;
    let value: KnownValue | undefined;
    if (v !== undefined && typeof size === 'number') {
      value = pickAlongAxis(v, axis, Array.from({ length: size }, (_, i) => offset + i));
      offset += size;
    }
    return tensorOut(dtype, shape, value);
  });
}

/** Magnitudes at or beyond INT32_MAX are "to the end" sentinels (INT64_MAX/MIN read as ±2^53). */
const UNBOUNDED = 2 ** 31 - 1;

/**
 * Length of one sliced axis (ONNX Slice): negative start/end count from the end, then clamp to [0, d] for
 * positive steps and [0, d−1] / [−1, d−1] for negative steps; length = max(0, ceil((end − start) / step)).
 *
 * For a symbolic d the clamping cannot be evaluated, so this assumes what every exporter relies on: a start
 * (and a negative end) lies inside the axis, sentinels mean "to the end", and an end equal to d is the end. A finite
 * positive end is a cap (x[:, :512]) that may or may not bind, so the length gets a fresh symbol.
 */
export function sliceLength(dims: DimAlgebra, d: Dim, start: Dim, end: Dim, step: number): Dim {
  if (step === 0) fail('invalid-attribute', 'Slice steps must not be 0.');
  if (typeof d === 'number' && typeof start === 'number' && typeof end === 'number') return concreteSlice(d, start, end, step).length;
  if (typeof d === 'number') return dims.fresh();
  const last = step > 0 ? d : dims.sub(d, 1);
  const resolve = (x: Dim, isStart: boolean): Dim | undefined => {
    if (typeof x !== 'number') return x === d ? last : x;
    if (x >= UNBOUNDED) return last;
    if (x <= -UNBOUNDED) return step > 0 ? 0 : -1;
    if (x < 0) return dims.add(d, x);
    return isStart || step < 0 ? x : undefined;
  };
  const s = resolve(start, true);
  const e = resolve(end, false);
  if (s === undefined || e === undefined) return dims.fresh();
  return step > 0 ? dims.ceilDiv(dims.sub(e, s), step) : dims.ceilDiv(dims.sub(s, e), -step);
}

/** First index and length of a slice of a concrete axis (the ONNX Slice clamping rules). */
function concreteSlice(d: number, start: number, end: number, step: number): { readonly first: number; readonly length: number } {
  let s = start < 0 ? start + d : start;
  let e = end < 0 ? end + d : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), d);
    e = Math.min(Math.max(e, 0), d);
  } else {
    s = Math.min(Math.max(s, 0), d - 1);
    e = Math.min(Math.max(e, -1), d - 1);
  }
  return { first: s, length: Math.max(0, Math.ceil((e - s) / step)) };
}

/** Element indices a slice of a concrete axis selects. */
function sliceIndices(d: number, start: number, end: number, step: number): number[] {
  const { first, length } = concreteSlice(d, start, end, step);
  return Array.from({ length }, (_, i) => first + i * step);
}

/** Slice params from attributes (opset < 10) or inputs (10+): starts, ends, optional axes and steps. */
interface SliceParams {
  readonly starts: readonly Dim[];
  readonly ends: readonly Dim[];
  readonly axes: readonly number[] | undefined;
  readonly steps: readonly number[] | undefined;
}

function sliceParams(ctx: ShapeContext, fromInputs: boolean): SliceParams | undefined {
  if (!fromInputs) {
    const starts = intsFromInputOrAttr(ctx, undefined, 'starts');
    const ends = intsFromInputOrAttr(ctx, undefined, 'ends');
    const axes = intsFromInputOrAttr(ctx, undefined, 'axes');
    if (!starts.known || !ends.known || !axes.known || starts.ints === undefined || ends.ints === undefined) {
      fail('invalid-attribute', 'starts and ends are required.');
    }
    return { starts: starts.ints, ends: ends.ints, axes: axes.ints, steps: undefined };
  }
  const starts = ctx.value(1)?.data;
  const ends = ctx.value(2)?.data;
  const axes = intsFromInputOrAttr(ctx, 3, undefined);
  const steps = intsFromInputOrAttr(ctx, 4, undefined);
  if (starts === undefined || ends === undefined || !axes.known || !steps.known) return undefined;
  return { starts, ends, axes: axes.ints, steps: steps.ints };
}

function slice(ctx: ShapeContext, fromInputs: boolean): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  if (input === undefined) return tensorOut(dtype, undefined);
  const p = sliceParams(ctx, fromInputs);
  if (p === undefined) {
    // Unknown params: the rank stays; axes not sliced keep their dims when the axes are known.
    const axes = intsFromInputOrAttr(ctx, 3, undefined);
    if (!axes.known || axes.ints === undefined) return tensorOut(dtype, freshShape(ctx.dims, input.length));
    const sliced = new Set(normalizeAxes(axes.ints, input.length));
    return tensorOut(dtype, input.map((d, i) => (sliced.has(i) ? ctx.dims.fresh() : d)));
  }
  if (p.starts.length !== p.ends.length) fail('invalid-attribute', `starts has ${String(p.starts.length)} values, ends ${String(p.ends.length)}.`);
  const axes = normalizeAxes(p.axes ?? p.starts.map((_, i) => i), input.length);
  if (axes.length !== p.starts.length) fail('invalid-attribute', `axes has ${String(axes.length)} values; starts has ${String(p.starts.length)}.`);
  const rawAxes = p.axes ?? p.starts.map((_, i) => i);
  const out = [...input];
  let value = ctx.value(0);
  rawAxes.forEach((raw, k) => {
    const axis = normalizeAxis(raw, input.length);
    const d = input[axis] ?? 1;
    const step = p.steps?.[k] ?? 1;
    const start = p.starts[k] ?? 0;
    const end = p.ends[k] ?? 0;
    out[axis] = sliceLength(ctx.dims, d, start, end, step);
    if (value !== undefined && typeof d === 'number' && typeof start === 'number' && typeof end === 'number') {
      value = pickAlongAxis(value, axis, sliceIndices(d, start, end, step));
    } else {
      value = undefined;
    }
  });
  return tensorOut(dtype, out, value);
}

export const concatSplitSliceShapeHandlers: readonly ShapeHandler[] = [
  concat,
  // Split sizes: an attribute up to opset 12 (or input 1 at opset 1), an input from 13, num_outputs from 18.
  defineShapeHandler({ opType: 'Split', since: 1, infer: (ctx) => split(ctx, false) }),
  defineShapeHandler({ opType: 'Split', since: 13, infer: (ctx) => split(ctx, true) }),
  // Slice params: attributes up to opset 9, inputs from 10.
  defineShapeHandler({ opType: 'Slice', since: 1, infer: (ctx) => [slice(ctx, false)] }),
  defineShapeHandler({ opType: 'Slice', since: 10, infer: (ctx) => [slice(ctx, true)] }),
];
