import { attrInt } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim } from '../../ir/types.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { defineShapeHandler, tensorOut, type ShapeContext, type ShapeHandler } from '../handler.ts';
import { makeKnown, storeAs } from '../known-value.ts';
import { likeInput } from './common.ts';

/**
 * Unary ops whose output has the input's shape: activations, unary math, softmax-likes, Identity, Dropout.
 * The table is data: op, the opset it entered ai.onnx, the output dtype rule and an optional fold.
 */

type ElementFold = (x: Dim, dims: DimAlgebra) => Dim | undefined;

interface UnaryFact {
  readonly opType: string;
  readonly since: number;
  /** 'bool' for predicates (IsNaN, IsInf); 'attr' when a `dtype` attribute may override the input dtype. */
  readonly output?: 'same' | 'bool' | 'attr';
  readonly fold?: ElementFold;
}

const num = (f: (x: number) => number): ElementFold => (x) => (typeof x === 'number' ? f(x) : undefined);

const UNARY: readonly UnaryFact[] = [
  // Symbols stand for sizes (non-negative), so |N| = N; a rendered negative expression is left alone.
  { opType: 'Abs', since: 1, fold: (x) => (typeof x === 'number' ? Math.abs(x) : x.startsWith('-') ? undefined : x) },
  { opType: 'Neg', since: 1, fold: (x, d) => d.neg(x) },
  { opType: 'Identity', since: 1, fold: (x) => x },
  { opType: 'Floor', since: 1, fold: (x, d) => d.floor(x) },
  { opType: 'Ceil', since: 1, fold: (x, d) => d.neg(d.floor(d.neg(x))) },
  { opType: 'Round', since: 11, fold: num(roundHalfEven) },
  { opType: 'Sqrt', since: 1, fold: num(Math.sqrt) },
  { opType: 'Reciprocal', since: 1, fold: num((x) => 1 / x) },
  { opType: 'Relu', since: 1, fold: num((x) => Math.max(0, x)) },
  { opType: 'Sign', since: 9, fold: num(Math.sign) },
  { opType: 'Not', since: 1, fold: num((x) => (x === 0 ? 1 : 0)) },
  { opType: 'Exp', since: 1, fold: num(Math.exp) },
  { opType: 'Log', since: 1, fold: num(Math.log) },
  { opType: 'Acos', since: 7 },
  { opType: 'Acosh', since: 9 },
  { opType: 'Asin', since: 7 },
  { opType: 'Asinh', since: 9 },
  { opType: 'Atan', since: 7 },
  { opType: 'Atanh', since: 9 },
  { opType: 'BitwiseNot', since: 18 },
  { opType: 'Celu', since: 12 },
  { opType: 'Clip', since: 1 },
  { opType: 'Cos', since: 7 },
  { opType: 'Cosh', since: 9 },
  { opType: 'CumSum', since: 11 },
  { opType: 'Elu', since: 1 },
  { opType: 'Erf', since: 9 },
  { opType: 'Gelu', since: 20 },
  { opType: 'HardSigmoid', since: 1 },
  { opType: 'HardSwish', since: 14 },
  { opType: 'Hardmax', since: 1 },
  { opType: 'LeakyRelu', since: 1 },
  { opType: 'LogSoftmax', since: 1 },
  { opType: 'Mish', since: 18 },
  { opType: 'PRelu', since: 1 },
  { opType: 'ReverseSequence', since: 10 },
  { opType: 'Selu', since: 1 },
  { opType: 'Shrink', since: 9 },
  { opType: 'Sigmoid', since: 1 },
  { opType: 'Sin', since: 7 },
  { opType: 'Sinh', since: 9 },
  { opType: 'Softmax', since: 1 },
  { opType: 'Softplus', since: 1 },
  { opType: 'Softsign', since: 1 },
  { opType: 'Tan', since: 7 },
  { opType: 'Tanh', since: 1 },
  { opType: 'ThresholdedRelu', since: 10 },
  { opType: 'Trilu', since: 14 },
  { opType: 'IsNaN', since: 9, output: 'bool' },
  { opType: 'IsInf', since: 10, output: 'bool' },
  { opType: 'Bernoulli', since: 15, output: 'attr' },
  { opType: 'RandomNormalLike', since: 1, output: 'attr' },
  { opType: 'RandomUniformLike', since: 1, output: 'attr' },
  { opType: 'EyeLike', since: 9, output: 'attr' },
];

/** Round half to even, as ONNX Round specifies. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function outputDtype(ctx: ShapeContext, fact: UnaryFact): number | undefined {
  if (fact.output === 'bool') return DataType.BOOL;
  if (fact.output === 'attr') return attrInt(ctx.node, 'dtype') ?? ctx.dtype(0);
  return ctx.dtype(0);
}

function unaryHandler(fact: UnaryFact): ShapeHandler {
  return defineShapeHandler({
    opType: fact.opType,
    since: fact.since,
    infer: (ctx) => {
      const dtype = outputDtype(ctx, fact);
      const out = likeInput(ctx, 0, dtype);
      const v = fact.fold === undefined ? undefined : ctx.value(0);
      if (v === undefined || fact.fold === undefined || dtype === undefined) return [out];
      const data: Dim[] = [];
      for (const x of v.data) {
        const y = fact.fold(x, ctx.dims);
        if (y === undefined) return [out];
        data.push(typeof y === 'number' ? storeAs(dtype, y) : y);
      }
      return [tensorOut(dtype, out.shape, makeKnown(dtype, v.dims, data))];
    },
  });
}

/** Dropout: Y like X; the mask is bool from opset 10 on and X's type before (Dropout-7 `mask: T`). */
const dropout = defineShapeHandler({
  opType: 'Dropout',
  since: 1,
  infer: (ctx) => [likeInput(ctx, 0, undefined, true), likeInput(ctx, 0, ctx.opset >= 10 ? DataType.BOOL : ctx.dtype(0))],
});

export const activationShapeHandlers: readonly ShapeHandler[] = [...UNARY.map(unaryHandler), dropout];
