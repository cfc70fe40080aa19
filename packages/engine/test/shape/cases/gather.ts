import { i64, x, type OpCase } from './case-types.ts';

/** Gather and friends: indices shapes, negative axes and indices, scatter, OneHot, NonZero, Compress. */
export const gatherCases: readonly OpCase[] = [
  { name: 'axis 0, 2-D indices', op: 'Gather', opset: 13, inputs: [x([5, 4]), { dtype: 'int64', shape: [2, 3], value: [0, 1, 2, 3, 4, 0] }], expect: [['float32', [2, 3, 4]]] },
  { name: 'scalar index drops the axis', op: 'Gather', opset: 13, attrs: { axis: 1 }, inputs: [x([5, 4]), i64([2], true)], expect: [['float32', [5]]] },
  { name: 'negative axis and indices', op: 'Gather', opset: 13, attrs: { axis: -1 }, inputs: [x([2, 3, 4]), i64([-1, 0])], expect: [['float32', [2, 3, 2]]] },
  { name: 'int32 indices', op: 'Gather', opset: 11, inputs: [x([3, 4]), { dtype: 'int32', shape: [2], value: [0, 2] }], expect: [['float32', [2, 4]]] },
  { name: 'gathers int64 data', op: 'Gather', opset: 1, inputs: [i64([10, 20, 30]), i64([2, 0])], expect: [['int64', [2]]] },
  { name: 'GatherElements takes the indices shape', op: 'GatherElements', opset: 13, attrs: { axis: 1 }, inputs: [x([3, 4]), { dtype: 'int64', shape: [3, 2], value: [0, 1, 2, 3, 0, 1] }], expect: [['float32', [3, 2]]] },
  { name: 'GatherND', op: 'GatherND', opset: 13, inputs: [x([2, 2]), { dtype: 'int64', shape: [2, 2], value: [0, 0, 1, 1] }], expect: [['float32', [2]]] },
  { name: 'GatherND slices', op: 'GatherND', opset: 13, inputs: [x([2, 3, 4]), { dtype: 'int64', shape: [2, 1], value: [1, 0] }], expect: [['float32', [2, 3, 4]]] },
  { name: 'GatherND batch_dims 1', op: 'GatherND', opset: 12, attrs: { batch_dims: 1 }, inputs: [x([2, 3, 4]), { dtype: 'int64', shape: [2, 1], value: [1, 2] }], expect: [['float32', [2, 4]]] },
  {
    name: 'ScatterElements keeps the data shape',
    op: 'ScatterElements',
    opset: 16,
    attrs: { axis: 0 },
    inputs: [x([3, 3]), { dtype: 'int64', shape: [1, 3], value: [1, 0, 2] }, x([1, 3])],
    expect: [['float32', [3, 3]]],
  },
  {
    name: 'ScatterND keeps the data shape',
    op: 'ScatterND',
    opset: 16,
    inputs: [x([4, 4]), { dtype: 'int64', shape: [2, 1], value: [0, 2] }, x([2, 4])],
    expect: [['float32', [4, 4]]],
  },
  { name: 'OneHot default axis', op: 'OneHot', opset: 11, inputs: [i64([0, 2, 1]), i64([5], true), { dtype: 'float32', shape: [2], value: [0, 1] }], expect: [['float32', [3, 5]]] },
  { name: 'OneHot axis 0', op: 'OneHot', opset: 11, attrs: { axis: 0 }, inputs: [i64([0, 2, 1]), i64([4], true), i64([0, 1])], expect: [['int64', [4, 3]]] },
  { name: 'NonZero of a constant', op: 'NonZero', opset: 13, inputs: [{ dtype: 'float32', shape: [2, 3], value: [0, 1, 0, 2, 3, 0] }], expect: [['int64', [2, 3]]] },
  { name: 'Compress with a constant condition', op: 'Compress', opset: 11, attrs: { axis: 1 }, inputs: [x([2, 4]), { dtype: 'bool', shape: [4], value: [1, 0, 1, 1] }], expect: [['float32', [2, 3]]] },
  { name: 'Compress flattened', op: 'Compress', opset: 11, inputs: [x([2, 2]), { dtype: 'bool', shape: [3], value: [1, 0, 1] }], expect: [['float32', [2]]] },
];
