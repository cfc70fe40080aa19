import { float } from '../../../src/ir/builder.ts';
import { DataType } from '../../../src/ir/dtype.ts';
import { tensorFromArray } from '../../../src/ir/tensor.ts';
import { i64, x, type OpCase } from './case-types.ts';

const S = [2, 3, 4] as const;

/** Shape (start/end), Size, every Constant attribute form, ConstantOfShape, Range, random generators. */
export const shapeOpsCases: readonly OpCase[] = [
  { name: 'rank-length int64', op: 'Shape', opset: 13, inputs: [x(S)], expect: [['int64', [3]]] },
  { name: 'of a scalar', op: 'Shape', opset: 13, inputs: [x([])], expect: [['int64', [0]]] },
  { name: 'start 1', op: 'Shape', opset: 15, attrs: { start: 1 }, inputs: [x(S)], expect: [['int64', [2]]] },
  { name: 'end -1', op: 'Shape', opset: 15, attrs: { end: -1 }, inputs: [x(S)], expect: [['int64', [2]]] },
  { name: 'start/end clamp', op: 'Shape', opset: 19, attrs: { start: -10, end: 10 }, inputs: [x(S)], expect: [['int64', [3]]] },
  { name: 'empty range', op: 'Shape', opset: 15, attrs: { start: 2, end: 1 }, inputs: [x(S)], expect: [['int64', [0]]] },
  { name: 'int64 scalar', op: 'Size', opset: 13, inputs: [x(S)], expect: [['int64', []]] },
  {
    name: 'value tensor',
    op: 'Constant',
    opset: 13,
    attrs: { value: tensorFromArray('', DataType.FLOAT, [2, 3], new Float32Array(6)) },
    inputs: [],
    expect: [['float32', [2, 3]]],
  },
  { name: 'value_float', op: 'Constant', opset: 13, attrs: { value_float: float(1.5) }, inputs: [], expect: [['float32', []]] },
  { name: 'value_floats', op: 'Constant', opset: 13, attrs: { value_floats: float([1, 2, 3]) }, inputs: [], expect: [['float32', [3]]] },
  { name: 'value_int', op: 'Constant', opset: 13, attrs: { value_int: 7 }, inputs: [], expect: [['int64', []]] },
  { name: 'value_ints', op: 'Constant', opset: 13, attrs: { value_ints: [1, 2, 3, 4] }, inputs: [], expect: [['int64', [4]]] },
  { name: 'value_string', op: 'Constant', opset: 13, attrs: { value_string: 'hi' }, inputs: [], expect: [['string', []]] },
  { name: 'value_strings', op: 'Constant', opset: 13, attrs: { value_strings: ['a', 'b'] }, inputs: [], expect: [['string', [2]]] },
  {
    name: 'dtype from the value attribute',
    op: 'ConstantOfShape',
    opset: 9,
    attrs: { value: tensorFromArray('', DataType.INT32, [1], Int32Array.from([3])) },
    inputs: [i64([2, 3, 4])],
    expect: [['int32', [2, 3, 4]]],
  },
  { name: 'default float zeros', op: 'ConstantOfShape', opset: 20, inputs: [i64([5])], expect: [['float32', [5]]] },
  { name: 'empty shape is a scalar', op: 'ConstantOfShape', opset: 9, inputs: [{ dtype: 'int64', shape: [0], value: [] }], expect: [['float32', []]] },
  { name: 'int64 count ceil((limit-start)/delta)', op: 'Range', opset: 11, inputs: [i64([1], true), i64([10], true), i64([3], true)], expect: [['int64', [3]]] },
  {
    name: 'float with negative delta',
    op: 'Range',
    opset: 11,
    inputs: [{ dtype: 'float32', shape: [], value: [5] }, { dtype: 'float32', shape: [], value: [0] }, { dtype: 'float32', shape: [], value: [-1.5] }],
    expect: [['float32', [4]]],
  },
  { name: 'empty range', op: 'Range', opset: 11, inputs: [i64([5], true), i64([1], true), i64([1], true)], expect: [['int64', [0]]] },
  { name: 'shape attribute', op: 'RandomNormal', opset: 1, attrs: { shape: [2, 5] }, inputs: [], expect: [['float32', [2, 5]]] },
  { name: 'dtype attribute', op: 'RandomUniformLike', opset: 1, attrs: { dtype: DataType.DOUBLE }, inputs: [x(S)], expect: [['float64', S]] },
  { name: 'EyeLike', op: 'EyeLike', opset: 9, inputs: [x([3, 4])], expect: [['float32', [3, 4]]] },
];
