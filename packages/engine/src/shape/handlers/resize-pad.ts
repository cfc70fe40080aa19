import { attrFloats, attrInts, attrString } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { numbersOf } from '../known-value.ts';
import { formatShape, freshShape, normalizeAxes } from '../shape-math.ts';
import { dimsInput, intsFromInputOrAttr } from './common.ts';

/** Resampling and padding: Resize, Upsample, Pad, GridSample. */

/**
 * floor(in · scale) computed in float32 as onnxruntime does (`static_cast<int64_t>(scales[i] * input_dims[i])`
 * with a float scale), so that e.g. 0.6 · 5 truncates the same way.
 */
function scaledDim(dims: DimAlgebra, input: Dim, scale: number): Dim {
  if (typeof input === 'number') return Math.floor(Math.fround(Math.fround(scale) * Math.fround(input)));
  return dims.floor(dims.mul(input, Math.fround(scale)));
}

/** Output dims from per-axis scales (one per listed axis). */
function byScales(ctx: ShapeContext, input: readonly Dim[], axes: readonly number[], scales: readonly number[]): Dim[] {
  if (scales.length !== axes.length) fail('invalid-attribute', `scales has ${String(scales.length)} values for ${String(axes.length)} axes of ${formatShape(input)}.`);
  const out = [...input];
  axes.forEach((a, i) => {
    out[a] = scaledDim(ctx.dims, input[a] ?? 1, scales[i] ?? 1);
  });
  return out;
}

/**
 * Output dims from target sizes. With keep_aspect_ratio_policy (opset 18) not_larger / not_smaller, one scale
 * (the min / max of size_i / in_i over the axes) applies to every listed axis: out = round(scale · in) (ONNX Resize).
 */
function bySizes(ctx: ShapeContext, input: readonly Dim[], axes: readonly number[], sizes: readonly Dim[], policyAttr: boolean): Dim[] {
  if (sizes.length !== axes.length) fail('invalid-attribute', `sizes has ${String(sizes.length)} values for ${String(axes.length)} axes of ${formatShape(input)}.`);
  const out = [...input];
  const policy = policyAttr ? attrString(ctx.node, 'keep_aspect_ratio_policy', 'stretch') : 'stretch';
  if (policy === 'stretch') {
    axes.forEach((a, i) => {
      out[a] = sizes[i] ?? 1;
    });
    return out;
  }
  const ratios = axes.map((a, i) => {
    const s = sizes[i];
    const d = input[a];
    return typeof s === 'number' && typeof d === 'number' && d > 0 ? Math.fround(s / d) : undefined;
  });
  const known = ratios.filter((r): r is number => r !== undefined);
  if (known.length !== ratios.length) return input.map((d, i) => (axes.includes(i) ? ctx.dims.fresh() : d));
  const scale = policy === 'not_larger' ? Math.min(...known) : Math.max(...known);
  axes.forEach((a) => {
    const d = input[a];
    out[a] = typeof d === 'number' ? Math.round(Math.fround(scale * d)) : ctx.dims.fresh();
  });
  return out;
}

/** True when an optional scales/sizes input is absent or an empty tensor (how opset 11 leaves one out). */
function isEmptyInput(ctx: ShapeContext, i: number): boolean {
  if (!ctx.has(i)) return true;
  const shape = ctx.shape(i);
  return shape?.length === 1 && shape[0] === 0;
}

/** Where Resize finds its targets in each opset generation. */
interface ResizeForm {
  readonly scales: number;
  readonly sizes: number | undefined;
  /** Opset 18: `axes` and `keep_aspect_ratio_policy`. */
  readonly axes: boolean;
}

/** Resize: `sizes` if given (opset 11+, input 3), else `scales` (input 1 at opset 10, input 2 after). */
function resize(ctx: ShapeContext, form: ResizeForm): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  if (input === undefined) return tensorOut(dtype, undefined);
  const axesAttr = form.axes ? attrInts(ctx.node, 'axes') : undefined;
  const axes = axesAttr === undefined ? input.map((_, i) => i) : normalizeAxes(axesAttr, input.length);
  const unknownOut = (): ShapeOutput => tensorOut(dtype, input.map((d, i) => (axes.includes(i) ? ctx.dims.fresh() : d)));
  if (form.sizes !== undefined && !isEmptyInput(ctx, form.sizes)) {
    const sizes = dimsInput(ctx, form.sizes);
    return sizes === undefined ? unknownOut() : tensorOut(dtype, bySizes(ctx, input, axes, sizes, form.axes));
  }
  const scales = numbersOf(ctx.value(form.scales));
  return scales === undefined ? unknownOut() : tensorOut(dtype, byScales(ctx, input, axes, scales));
}

/** Upsample: scales as an attribute (opset 7) or an input (opset 9). */
function upsample(ctx: ShapeContext, scalesInput: boolean): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  if (input === undefined) return tensorOut(dtype, undefined);
  const scales = scalesInput ? numbersOf(ctx.value(1)) : attrFloats(ctx.node, 'scales');
  if (scales === undefined) return tensorOut(dtype, freshShape(ctx.dims, input.length));
  return tensorOut(dtype, byScales(ctx, input, input.map((_, i) => i), scales));
}

/**
 * Pad: out = in + pad_begin + pad_end per axis (negative pads crop). Pads are the `paddings` attribute at opset 1,
 * `pads` at 2, input 1 from 11, and from 18 may cover only the axes listed in input 3.
 */
function pad(ctx: ShapeContext, form: 'paddings' | 'pads' | 'input' | 'input-axes'): ShapeOutput {
  const dtype = ctx.dtype(0);
  const input = ctx.shape(0);
  if (input === undefined) return tensorOut(dtype, undefined);
  const fromInput = form === 'input' || form === 'input-axes';
  const pads = fromInput ? intsFromInputOrAttr(ctx, 1, undefined) : intsFromInputOrAttr(ctx, undefined, form);
  const axesGiven = form === 'input-axes' ? intsFromInputOrAttr(ctx, 3, undefined) : ({ known: true, ints: undefined } as const);
  if (!pads.known || pads.ints === undefined || !axesGiven.known) return tensorOut(dtype, freshShape(ctx.dims, input.length));
  const axes = axesGiven.ints === undefined ? input.map((_, i) => i) : normalizeAxes(axesGiven.ints, input.length);
  const n = axes.length;
  const list = pads.ints;
  if (list.length !== 2 * n) fail('invalid-attribute', `pads has ${String(list.length)} values; expected ${String(2 * n)} for ${formatShape(input)}.`);
  const out = [...input];
  axes.forEach((a, i) => {
    out[a] = ctx.dims.add(input[a] ?? 1, (list[i] ?? 0) + (list[i + n] ?? 0));
  });
  return tensorOut(dtype, out);
}

/** GridSample: [N, C, ...grid.shape[1:-1]] (2-D at opset 16, N-D from 20). */
const gridSample = defineShapeHandler({
  opType: 'GridSample',
  since: 16,
  infer: (ctx) => {
    const x = ctx.shape(0);
    const grid = ctx.shape(1);
    if (x === undefined || grid === undefined) return [tensorOut(ctx.dtype(0), undefined)];
    return [tensorOut(ctx.dtype(0), [x[0] ?? grid[0] ?? ctx.dims.fresh(), x[1] ?? ctx.dims.fresh(), ...grid.slice(1, -1)])];
  },
});

export const resizePadShapeHandlers: readonly ShapeHandler[] = [
  defineShapeHandler({ opType: 'Resize', since: 10, infer: (ctx) => [resize(ctx, { scales: 1, sizes: undefined, axes: false })] }),
  defineShapeHandler({ opType: 'Resize', since: 11, infer: (ctx) => [resize(ctx, { scales: 2, sizes: 3, axes: false })] }),
  defineShapeHandler({ opType: 'Resize', since: 18, infer: (ctx) => [resize(ctx, { scales: 2, sizes: 3, axes: true })] }),
  defineShapeHandler({ opType: 'Upsample', since: 7, infer: (ctx) => [upsample(ctx, false)] }),
  defineShapeHandler({ opType: 'Upsample', since: 9, infer: (ctx) => [upsample(ctx, true)] }),
  defineShapeHandler({ opType: 'Pad', since: 1, infer: (ctx) => [pad(ctx, 'paddings')] }),
  defineShapeHandler({ opType: 'Pad', since: 2, infer: (ctx) => [pad(ctx, 'pads')] }),
  defineShapeHandler({ opType: 'Pad', since: 11, infer: (ctx) => [pad(ctx, 'input')] }),
  defineShapeHandler({ opType: 'Pad', since: 18, infer: (ctx) => [pad(ctx, 'input-axes')] }),
  gridSample,
];

