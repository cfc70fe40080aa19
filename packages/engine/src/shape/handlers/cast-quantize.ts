import { attrInt, findAttribute } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { decodeUtf8 } from '../../ir/utf8.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { isIntegerDtype, makeKnown, storeAs, type KnownValue } from '../known-value.ts';
import { likeInput } from './common.ts';

/** Type conversions: Cast, CastLike, QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear. */

/** Cast's target: an INT dtype code, or at opset 1 a STRING naming the type (`"FLOAT"`). */
function castTarget(ctx: ShapeContext): number {
  const a = findAttribute(ctx.node, 'to');
  if (a?.type === 'INT') return Number(a.value);
  if (a?.type === 'STRING') {
    const name = decodeUtf8(a.value).toUpperCase();
    const code = (DataType as Readonly<Record<string, number>>)[name];
    if (code !== undefined) return code;
  }
  return fail('invalid-attribute', "attribute 'to' must name a data type.");
}

/** Converts one element; symbolic float → int truncates, which for a non-negative size is floor. */
function castElement(x: Dim, to: number, dims: DimAlgebra): Dim {
  if (typeof x === 'number') return storeAs(to, x);
  return isIntegerDtype(to) ? dims.floor(x) : x;
}

function castValue(v: KnownValue | undefined, to: number, dims: DimAlgebra): KnownValue | undefined {
  if (v === undefined) return undefined;
  if (to === DataType.BOOL && v.data.some((x) => typeof x !== 'number')) return undefined;
  return makeKnown(to, v.dims, v.data.map((x) => castElement(x, to, dims)));
}

function castTo(ctx: ShapeContext, to: number | undefined): ShapeOutput {
  const shape = ctx.shape(0);
  return tensorOut(to, shape, to === undefined ? undefined : castValue(ctx.value(0), to, ctx.dims));
}

const cast = defineShapeHandler({ opType: 'Cast', since: 1, infer: (ctx) => [castTo(ctx, castTarget(ctx))] });
const castLike = defineShapeHandler({ opType: 'CastLike', since: 15, infer: (ctx) => [castTo(ctx, ctx.dtype(1))] });

/**
 * QuantizeLinear's y type: the `output_dtype` attribute (opset 21) when set, else y_zero_point's type, else uint8.
 */
const quantize = defineShapeHandler({
  opType: 'QuantizeLinear',
  since: 10,
  infer: (ctx) => {
    const attr = ctx.opset >= 21 ? attrInt(ctx.node, 'output_dtype', 0) : 0;
    const dtype = attr !== 0 ? attr : ctx.has(2) ? ctx.dtype(2) : DataType.UINT8;
    return [likeInput(ctx, 0, dtype)];
  },
});

/**
 * DequantizeLinear's y type: float32 up to opset 18; from 19 the type of x_scale; the `output_dtype` attribute
 * (opset 25) overrides it.
 */
const dequantize = defineShapeHandler({
  opType: 'DequantizeLinear',
  since: 10,
  infer: (ctx) => {
    const attr = ctx.opset >= 21 ? attrInt(ctx.node, 'output_dtype', 0) : 0;
    const dtype = attr !== 0 ? attr : ctx.opset >= 19 ? ctx.dtype(1) : DataType.FLOAT;
    return [likeInput(ctx, 0, dtype)];
  },
});

/** DynamicQuantizeLinear: y (uint8, x's shape), y_scale (float scalar), y_zero_point (uint8 scalar). */
const dynamicQuantize = defineShapeHandler({
  opType: 'DynamicQuantizeLinear',
  since: 11,
  infer: (ctx) => [likeInput(ctx, 0, DataType.UINT8), tensorOut(DataType.FLOAT, []), tensorOut(DataType.UINT8, [])],
});

export const castQuantizeShapeHandlers: readonly ShapeHandler[] = [cast, castLike, quantize, dequantize, dynamicQuantize];
