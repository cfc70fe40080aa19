/** Elementwise ops: one other op per output element (variadic ops: one per operand pair). No MACs. */
import type { CostHandler } from '../types.ts';
import { perOutputElement, variadicPerOutputElement } from './per-element.ts';

const UNARY_AND_BINARY = [
  'Abs', 'Acos', 'Acosh', 'Add', 'And', 'Asin', 'Asinh', 'Atan', 'Atanh', 'Ceil', 'Clip', 'Cos', 'Cosh', 'Div',
  'Elu', 'Equal', 'Erf', 'Exp', 'Floor', 'Greater', 'HardSigmoid', 'IsInf', 'IsNaN', 'LeakyRelu', 'Less', 'Log',
  'Mul', 'Neg', 'Not', 'Or', 'PRelu', 'Pow', 'Reciprocal', 'Relu', 'Selu', 'Sigmoid', 'Sign', 'Sin', 'Sinh',
  'Softplus', 'Softsign', 'Sqrt', 'Sub', 'Tan', 'Tanh', 'ThresholdedRelu', 'Where', 'Xor', 'Shrink',
  { opType: 'BitShift', since: 11 },
  { opType: 'Round', since: 11 },
  { opType: 'Mod', since: 10 },
  { opType: 'GreaterOrEqual', since: 12 },
  { opType: 'LessOrEqual', since: 12 },
  { opType: 'Celu', since: 12 },
  { opType: 'HardSwish', since: 14 },
  { opType: 'BitwiseAnd', since: 18 },
  { opType: 'BitwiseOr', since: 18 },
  { opType: 'BitwiseXor', since: 18 },
  { opType: 'BitwiseNot', since: 18 },
  { opType: 'Mish', since: 18 },
  { opType: 'Gelu', since: 20 },
  { opType: 'CumSum', since: 11 },
  { opType: 'QuantizeLinear', since: 10 },
  { opType: 'DequantizeLinear', since: 10 },
] as const;

/** @internal */
export const elementwiseCostHandlers: readonly CostHandler[] = [
  ...perOutputElement(UNARY_AND_BINARY, 1, 'other = one per output element'),
  ...variadicPerOutputElement(['Sum', 'Max', 'Min', 'Mean'], 'other = (operands − 1) per output element'),
  ...perOutputElement(['Softmax', 'LogSoftmax', 'Hardmax'], 3, 'other = three per element (exp, sum, divide)'),
];
