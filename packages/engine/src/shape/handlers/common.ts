import { attrInts } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import { fail, tensorOut, type ShapeContext, type ShapeOutput } from '../handler.ts';
import { MAX_INFERRED_RANK, numbersOf } from '../known-value.ts';

/** Small helpers the handler families share. */

/** An output with the dtype (default: same) and shape of input `i`; the value passes through when `keepValue`. */
export function likeInput(ctx: ShapeContext, i = 0, dtype?: number, keepValue = false): ShapeOutput {
  const info = ctx.input(i);
  const value = keepValue ? ctx.value(i) : undefined;
  return tensorOut(dtype ?? info.dtype, info.shape, value);
}

/** The integer elements of input `i`'s known value, or undefined when it is not known (or symbolic). */
export function intsInput(ctx: ShapeContext, i: number): number[] | undefined {
  const v = numbersOf(ctx.value(i));
  if (v !== undefined && v.some((x) => !Number.isInteger(x))) {
    fail('invalid-attribute', `input ${String(i)} must hold integers; found ${v.join(',')}.`);
  }
  return v;
}

/**
 * An int list given by attribute in older opsets and by input in newer ones (Squeeze/Unsqueeze axes, Slice
 * starts/ends, Split split, ReduceX axes, Pad pads): the input wins when present, else the attribute.
 * `known: false` means the input is present but its value is not known.
 */
export function intsFromInputOrAttr(
  ctx: ShapeContext,
  input: number | undefined,
  attr: string | undefined,
): { readonly known: true; readonly ints: number[] | undefined } | { readonly known: false; readonly length: number | undefined } {
  if (input !== undefined && ctx.has(input)) {
    const ints = intsInput(ctx, input);
    if (ints !== undefined) return { known: true, ints };
    const length = ctx.shape(input)?.length === 0 ? 1 : lengthOf1d(ctx, input);
    return { known: false, length };
  }
  return { known: true, ints: attr === undefined ? undefined : attrInts(ctx.node, attr) };
}

/** Elements of a shape-valued input (Reshape/Expand/ConstantOfShape targets): numbers or symbolic dims. */
export function dimsInput(ctx: ShapeContext, i: number): Dim[] | undefined {
  const v = ctx.value(i);
  if (v === undefined) return undefined;
  return v.data.map((d) => {
    if (typeof d === 'number' && !Number.isInteger(d)) fail('invalid-attribute', `input ${String(i)} is a shape; found non-integer ${String(d)}.`);
    return d;
  });
}

/**
 * Length of a 1-D input when its value is unknown but its shape is (so the output rank is still known); undefined
 * beyond `MAX_INFERRED_RANK`.
 */
export function lengthOf1d(ctx: ShapeContext, i: number): number | undefined {
  const shape = ctx.shape(i);
  const first = shape?.[0];
  return shape?.length === 1 && typeof first === 'number' && first <= MAX_INFERRED_RANK ? first : undefined;
}
