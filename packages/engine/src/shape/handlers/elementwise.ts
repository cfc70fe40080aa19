import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { defineShapeHandler, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { foldBroadcast } from '../fold.ts';
import { isIntegerDtype, storeAs, type KnownValue } from '../known-value.ts';
import { broadcastShapes, concreteShape } from '../shape-math.ts';

/**
 * Broadcasting elementwise ops (ONNX Broadcasting.md, multidirectional): arithmetic, comparisons, logic, the
 * variadic Max/Min/Sum/Mean, and Where. Folding works on symbolic elements where the algebra can
 * (Add/Sub/Mul/Div, Equal of identical symbols), so `Shape(x)[0] * 2` stays `N*2`.
 */

/** Combines elements; `dtype` is the inputs' dtype (integer Div truncates). Undefined: cannot fold. */
type Combine = (xs: readonly Dim[], dims: DimAlgebra, dtype: number, ctx: ShapeContext) => Dim | undefined;

interface ElementwiseFact {
  readonly opType: string;
  readonly since: number;
  /** Exactly two inputs, or one or more (variadic). */
  readonly arity: 'binary' | 'variadic';
  readonly output: 'same' | 'bool';
  readonly fold?: Combine;
}

function allNumbers(xs: readonly Dim[]): xs is readonly number[] {
  return xs.every((x) => typeof x === 'number');
}
const numeric =
  (f: (xs: readonly number[]) => number): Combine =>
  (xs) =>
    allNumbers(xs) ? f(xs) : undefined;

function binary(xs: readonly Dim[]): [Dim, Dim] | undefined {
  const [a, b] = xs;
  return a === undefined || b === undefined ? undefined : [a, b];
}

const add: Combine = (xs, d) => xs.reduce<Dim>((s, x) => d.add(s, x), 0);
const sub: Combine = (xs, d) => {
  const p = binary(xs);
  return p && d.sub(p[0], p[1]);
};
const mul: Combine = (xs, d) => xs.reduce<Dim>((s, x) => d.mul(s, x), 1);
/** Integer Div truncates toward zero (C semantics, as onnxruntime computes); symbols are non-negative sizes. */
const div: Combine = (xs, d, dtype) => {
  const p = binary(xs);
  if (p === undefined) return undefined;
  const [a, b] = p;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!isIntegerDtype(dtype)) return a / b;
    return b === 0 ? undefined : Math.trunc(a / b);
  }
  if (isIntegerDtype(dtype)) return d.floorDiv(a, b);
  return typeof b === 'number' && b !== 0 ? d.mul(a, 1 / b) : undefined;
};
const equal: Combine = (xs) => {
  const p = binary(xs);
  if (p === undefined) return undefined;
  if (p[0] === p[1]) return 1;
  return typeof p[0] === 'number' && typeof p[1] === 'number' ? 0 : undefined;
};
/** Mod: fmod=0 takes the divisor's sign (Python %), fmod=1 the dividend's (C fmod). */
const mod: Combine = (xs, _d, _t, ctx) => {
  const p = binary(xs);
  if (p === undefined || typeof p[0] !== 'number' || typeof p[1] !== 'number' || p[1] === 0) return undefined;
  const [a, b] = p;
  const r = a % b;
  return attrInt(ctx.node, 'fmod', 0) === 1 || r === 0 || Math.sign(r) === Math.sign(b) ? r : r + b;
};

const ELEMENTWISE: readonly ElementwiseFact[] = [
  { opType: 'Add', since: 1, arity: 'binary', output: 'same', fold: add },
  { opType: 'Sub', since: 1, arity: 'binary', output: 'same', fold: sub },
  { opType: 'Mul', since: 1, arity: 'binary', output: 'same', fold: mul },
  { opType: 'Div', since: 1, arity: 'binary', output: 'same', fold: div },
  { opType: 'Pow', since: 1, arity: 'binary', output: 'same', fold: numeric(([a = 0, b = 0]) => a ** b) },
  { opType: 'Mod', since: 10, arity: 'binary', output: 'same', fold: mod },
  { opType: 'BitShift', since: 11, arity: 'binary', output: 'same' },
  { opType: 'BitwiseAnd', since: 18, arity: 'binary', output: 'same' },
  { opType: 'BitwiseOr', since: 18, arity: 'binary', output: 'same' },
  { opType: 'BitwiseXor', since: 18, arity: 'binary', output: 'same' },
  { opType: 'Max', since: 1, arity: 'variadic', output: 'same', fold: numeric((xs) => Math.max(...xs)) },
  { opType: 'Min', since: 1, arity: 'variadic', output: 'same', fold: numeric((xs) => Math.min(...xs)) },
  { opType: 'Sum', since: 1, arity: 'variadic', output: 'same', fold: add },
  { opType: 'Mean', since: 1, arity: 'variadic', output: 'same', fold: numeric((xs) => xs.reduce((s, x) => s + x, 0) / xs.length) },
  { opType: 'And', since: 1, arity: 'binary', output: 'bool', fold: numeric(([a, b]) => (a !== 0 && b !== 0 ? 1 : 0)) },
  { opType: 'Or', since: 1, arity: 'binary', output: 'bool', fold: numeric(([a, b]) => (a !== 0 || b !== 0 ? 1 : 0)) },
  { opType: 'Xor', since: 1, arity: 'binary', output: 'bool', fold: numeric(([a, b]) => ((a !== 0) !== (b !== 0) ? 1 : 0)) },
  { opType: 'Equal', since: 1, arity: 'binary', output: 'bool', fold: equal },
  { opType: 'Greater', since: 1, arity: 'binary', output: 'bool', fold: numeric(([a = 0, b = 0]) => (a > b ? 1 : 0)) },
  { opType: 'Less', since: 1, arity: 'binary', output: 'bool', fold: numeric(([a = 0, b = 0]) => (a < b ? 1 : 0)) },
  { opType: 'GreaterOrEqual', since: 12, arity: 'binary', output: 'bool', fold: numeric(([a = 0, b = 0]) => (a >= b ? 1 : 0)) },
  { opType: 'LessOrEqual', since: 12, arity: 'binary', output: 'bool', fold: numeric(([a = 0, b = 0]) => (a <= b ? 1 : 0)) },
];

/** Folds when every input value is known and the output shape is concrete. */
export function foldInputs(
  ctx: ShapeContext,
  inputs: readonly number[],
  outShape: readonly Dim[] | undefined,
  outDtype: number | undefined,
  combine: (xs: readonly Dim[]) => Dim | undefined,
): KnownValue | undefined {
  const dims = concreteShape(outShape);
  if (dims === undefined || outDtype === undefined) return undefined;
  const values: KnownValue[] = [];
  for (const i of inputs) {
    const v = ctx.value(i);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return foldBroadcast(dims, outDtype, values, (xs) => {
    const y = combine(xs);
    return typeof y === 'number' ? storeAs(outDtype, y) : y;
  });
}

function elementwiseHandler(fact: ElementwiseFact): ShapeHandler {
  return defineShapeHandler({
    opType: fact.opType,
    since: fact.since,
    infer: (ctx): ShapeOutput[] => {
      const slots = fact.arity === 'binary' ? [0, 1] : Array.from({ length: ctx.inputCount }, (_, i) => i).filter((i) => ctx.has(i));
      const inDtype = slots.map((i) => ctx.dtype(i)).find((t) => t !== undefined);
      const dtype = fact.output === 'bool' ? DataType.BOOL : inDtype;
      // Before opset 7 (8 for Max/Min/Sum/Mean) B broadcasts to A only (`broadcast`/`axis` attributes).
      const legacy = fact.arity === 'binary' ? ctx.opset < 7 : ctx.opset < 8;
      const shape = legacy ? ctx.shape(0) : broadcastShapes(ctx.dims, slots.map((i) => ctx.shape(i)));
      const fold = fact.fold;
      const value =
        fold === undefined || inDtype === undefined || legacy
          ? undefined
          : foldInputs(ctx, slots, shape, dtype, (xs) => fold(xs, ctx.dims, inDtype, ctx));
      return [tensorOut(dtype, shape, value)];
    },
  });
}

/** Where(condition, X, Y): three-way broadcast, X's dtype. */
const where = defineShapeHandler({
  opType: 'Where',
  since: 9,
  infer: (ctx) => {
    const dtype = ctx.dtype(1) ?? ctx.dtype(2);
    const shape = broadcastShapes(ctx.dims, [ctx.shape(0), ctx.shape(1), ctx.shape(2)]);
    const value = foldInputs(ctx, [0, 1, 2], shape, dtype, ([c, x, y]) => (typeof c === 'number' ? (c !== 0 ? x : y) : undefined));
    return [tensorOut(dtype, shape, value)];
  },
});

export const elementwiseShapeHandlers: readonly ShapeHandler[] = [...ELEMENTWISE.map(elementwiseHandler), where];
