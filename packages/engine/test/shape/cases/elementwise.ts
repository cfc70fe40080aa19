import { i64, x, type OpCase } from './case-types.ts';

const bin = (op: string, a: readonly number[], b: readonly number[], out: readonly number[], dtype = 'float32', outType = dtype, opset = 17): OpCase => ({
  name: `[${a.join(',')}] with [${b.join(',')}] broadcasts to [${out.join(',')}]`,
  op,
  opset,
  inputs: [x(a, dtype), x(b, dtype)],
  expect: [[outType, out]],
});

/** Broadcasting elementwise ops (multidirectional); comparisons and logic give bool. */
export const elementwiseCases: readonly OpCase[] = [
  bin('Add', [2, 3, 4], [4], [2, 3, 4]),
  bin('Add', [2, 3, 4], [2, 3, 4], [2, 3, 4], 'int64'),
  bin('Sub', [3, 1], [1, 4], [3, 4]),
  bin('Mul', [2, 1, 4], [], [2, 1, 4]),
  bin('Mul', [1, 3, 1, 5], [2, 1, 4, 1], [2, 3, 4, 5]),
  bin('Div', [4, 5], [5], [4, 5], 'int32'),
  bin('Div', [2, 3, 4], [3, 1], [2, 3, 4]),
  { name: 'Pow keeps the base type', op: 'Pow', opset: 15, inputs: [x([2, 3]), x([3], 'int64')], expect: [['float32', [2, 3]]] },
  bin('Mod', [2, 3], [3], [2, 3], 'int64'),
  { name: 'Mod fmod=1 on floats', op: 'Mod', opset: 13, attrs: { fmod: 1 }, inputs: [x([2, 3]), x([2, 1])], expect: [['float32', [2, 3]]] },
  bin('And', [2, 3], [3], [2, 3], 'bool'),
  bin('Or', [2, 1], [1, 3], [2, 3], 'bool'),
  bin('Xor', [4], [2, 4], [2, 4], 'bool'),
  bin('Equal', [2, 3], [3], [2, 3], 'int64', 'bool'),
  bin('Equal', [2, 3], [2, 1], [2, 3], 'float32', 'bool'),
  bin('Greater', [2, 3], [1], [2, 3], 'float32', 'bool'),
  bin('Less', [5, 1, 3], [4, 1], [5, 4, 3], 'float32', 'bool'),
  bin('GreaterOrEqual', [2, 3], [3], [2, 3], 'int32', 'bool', 16),
  bin('LessOrEqual', [2, 3], [3], [2, 3], 'float32', 'bool', 16),
  { name: 'BitShift keeps the type', op: 'BitShift', opset: 11, attrs: { direction: 'LEFT' }, inputs: [x([2, 3], 'uint8'), x([3], 'uint8')], expect: [['uint8', [2, 3]]] },
  bin('BitwiseAnd', [2, 3], [3], [2, 3], 'int32', 'int32', 18),
  { name: 'Max of three inputs broadcasts', op: 'Max', opset: 13, inputs: [x([2, 1, 4]), x([3, 1]), x([4])], expect: [['float32', [2, 3, 4]]] },
  { name: 'Min of one input', op: 'Min', opset: 13, inputs: [x([2, 3])], expect: [['float32', [2, 3]]] },
  { name: 'Sum variadic', op: 'Sum', opset: 13, inputs: [x([3]), x([2, 3]), x([4, 1, 1])], expect: [['float32', [4, 2, 3]]] },
  { name: 'Mean variadic', op: 'Mean', opset: 13, inputs: [x([2, 3]), x([1, 3])], expect: [['float32', [2, 3]]] },
  { name: 'Where three-way broadcast', op: 'Where', opset: 16, inputs: [x([2, 1, 4], 'bool'), x([3, 1]), x([4])], expect: [['float32', [2, 3, 4]]] },
  { name: 'Where takes the value type', op: 'Where', opset: 16, inputs: [x([3], 'bool'), i64([1, 2, 3]), x([1], 'int64')], expect: [['int64', [3]]] },
  { name: 'scalars stay scalars', op: 'Add', opset: 14, inputs: [x([]), x([])], expect: [['float32', []]] },
  { name: 'Mul legacy broadcast (opset 6)', op: 'Mul', opset: 6, attrs: { broadcast: 1 }, inputs: [x([2, 3]), x([3])], expect: [['float32', [2, 3]]], ort: false },
];
