import { attrInt, attrInts, findAttribute } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import { elementCount } from '../../ir/tensor.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { knownFromTensor, makeKnown, MAX_FOLD_ELEMENTS, scalarOf, storeAs } from '../known-value.ts';
import { concreteShape, freshShape } from '../shape-math.ts';
import { dimsInput, lengthOf1d } from './common.ts';

/**
 * Ops that produce shapes or constants: Shape, Size, Constant, ConstantOfShape, Range. These are where folding
 * starts: Shape's value is the input's dims, symbolic ones included (`['N', 3, 'H', 'W']`).
 */

/** Shape: int64 [k], the input's dims, from opset 15 only those from `start` to `end` (negative and out-of-range values clamp). */
function shapeOf(ctx: ShapeContext, withRange: boolean): ShapeOutput {
  const input = ctx.shape(0);
  if (input === undefined) return tensorOut(DataType.INT64, [ctx.dims.fresh()]);
  const r = input.length;
  const clamp = (x: number): number => Math.min(Math.max(x < 0 ? x + r : x, 0), r);
  const start = withRange ? clamp(attrInt(ctx.node, 'start', 0)) : 0;
  const end = withRange ? clamp(attrInt(ctx.node, 'end', r)) : r;
  const dims = input.slice(start, Math.max(start, end));
  return tensorOut(DataType.INT64, [dims.length], makeKnown(DataType.INT64, [dims.length], dims));
}

/** Size: int64 scalar, the element count (a symbolic product when dims are symbolic). */
const size = defineShapeHandler({
  opType: 'Size',
  since: 1,
  infer: (ctx) => {
    const input = ctx.shape(0);
    const value = input === undefined ? undefined : makeKnown(DataType.INT64, [], [ctx.dims.product(input)]);
    return [tensorOut(DataType.INT64, [], value)];
  },
});

/** Constant: the value from whichever `value*` attribute is set (exactly one must be). */
const constant = defineShapeHandler({
  opType: 'Constant',
  since: 1,
  infer: (ctx) => {
    const attr = ctx.node.attributes.find((a) => a.name === 'value' || a.name === 'sparse_value' || a.name.startsWith('value_'));
    if (attr === undefined) fail('invalid-attribute', 'Constant has none of value, sparse_value, value_* attributes.');
    switch (attr.type) {
      case 'TENSOR':
        return [tensorOut(attr.value.dtype, attr.value.dims, knownFromTensor(attr.value))];
      case 'SPARSE_TENSOR':
        return [tensorOut(attr.value.values.dtype, attr.value.dims)];
      case 'FLOAT':
        return [tensorOut(DataType.FLOAT, [], makeKnown(DataType.FLOAT, [], [Math.fround(attr.value)]))];
      case 'FLOATS':
        return [tensorOut(DataType.FLOAT, [attr.value.length], makeKnown(DataType.FLOAT, [attr.value.length], attr.value.map(Math.fround)))];
      case 'INT':
        return [tensorOut(DataType.INT64, [], makeKnown(DataType.INT64, [], [Number(attr.value)]))];
      case 'INTS':
        return [tensorOut(DataType.INT64, [attr.value.length], makeKnown(DataType.INT64, [attr.value.length], attr.value.map(Number)))];
      case 'STRING':
        return [tensorOut(DataType.STRING, [])];
      case 'STRINGS':
        return [tensorOut(DataType.STRING, [attr.value.length])];
      default:
        return fail('invalid-attribute', `Constant attribute '${attr.name}' has type ${attr.type}.`);
    }
  },
});

/** ConstantOfShape: the shape is input 0's value; dtype and fill value from the `value` tensor (default float 0). */
const constantOfShape = defineShapeHandler({
  opType: 'ConstantOfShape',
  since: 9,
  infer: (ctx) => {
    const attr = findAttribute(ctx.node, 'value');
    const fill = attr?.type === 'TENSOR' ? attr.value : undefined;
    const dtype = fill?.dtype ?? DataType.FLOAT;
    const target = dimsInput(ctx, 0);
    if (target === undefined) {
      const len = lengthOf1d(ctx, 0);
      return [tensorOut(dtype, len === undefined ? undefined : freshShape(ctx.dims, len))];
    }
    const dims = concreteShape(target);
    const x = fill === undefined ? 0 : scalarOf(knownFromTensor(fill));
    const value =
      dims === undefined || x === undefined || elementCount(dims) > MAX_FOLD_ELEMENTS
        ? undefined
        : makeKnown(dtype, dims, new Array<Dim>(elementCount(dims)).fill(x));
    return [tensorOut(dtype, target, value)];
  },
});

/** Range: 1-D of max(ceil((limit − start) / delta), 0) elements of start's type (ONNX Range). */
const range = defineShapeHandler({
  opType: 'Range',
  since: 11,
  infer: (ctx): ShapeOutput[] => {
    const dtype = ctx.dtype(0);
    const [start, limit, delta] = [0, 1, 2].map((i) => scalarOf(ctx.value(i)));
    if (start === undefined || limit === undefined || delta === undefined) return [tensorOut(dtype, [ctx.dims.fresh()])];
    if (typeof start === 'number' && typeof limit === 'number' && typeof delta === 'number') {
      if (delta === 0) fail('invalid-attribute', 'Range delta must not be 0.');
      const n = Math.max(Math.ceil((limit - start) / delta), 0);
      if (n > MAX_FOLD_ELEMENTS || dtype === undefined) return [tensorOut(dtype, [n])];
      const data = Array.from({ length: n }, (_, i) => storeAs(dtype, start + i * delta));
      return [tensorOut(dtype, [n], makeKnown(dtype, [n], data))];
    }
    // A symbolic bound with a positive integral step: the count is ceil((limit − start) / delta), assumed ≥ 0.
    if (typeof delta === 'number' && Number.isInteger(delta) && delta > 0) {
      return [tensorOut(dtype, [ctx.dims.ceilDiv(ctx.dims.sub(limit, start), delta)])];
    }
    return [tensorOut(dtype, [ctx.dims.fresh()])];
  },
});

/** RandomNormal/RandomUniform: the `shape` attribute, `dtype` attribute (default float). */
const randomOf = (opType: string): ShapeHandler =>
  defineShapeHandler({
    opType,
    since: 1,
    infer: (ctx: ShapeContext) => [tensorOut(attrInt(ctx.node, 'dtype', DataType.FLOAT), attrInts(ctx.node, 'shape'))],
  });

export const shapeOpsShapeHandlers: readonly ShapeHandler[] = [
  defineShapeHandler({ opType: 'Shape', since: 1, infer: (ctx) => [shapeOf(ctx, false)] }),
  defineShapeHandler({ opType: 'Shape', since: 15, infer: (ctx) => [shapeOf(ctx, true)] }),
  size, constant, constantOfShape, range, randomOf('RandomNormal'), randomOf('RandomUniform')];
