import { i64, x, type CaseAttrs, type OpCase } from './case-types.ts';

const S = [2, 3, 4] as const;
const red = (op: string, opset: number, name: string, attrs: CaseAttrs, out: readonly number[], axes?: readonly number[]): OpCase => ({
  name,
  op,
  opset,
  attrs,
  inputs: axes === undefined ? [x(S)] : [x(S), i64(axes)],
  expect: [['float32', out]],
});

/** Reductions in attribute and input forms, keepdims, noop_with_empty_axes; ArgMax/ArgMin; TopK. */
export const reduceCases: readonly OpCase[] = [
  red('ReduceMean', 13, 'axes attribute, keepdims', { axes: [1] }, [2, 1, 4]),
  red('ReduceMean', 13, 'keepdims 0', { axes: [1], keepdims: 0 }, [2, 4]),
  red('ReduceMean', 13, 'negative axes', { axes: [-1, 0] }, [1, 3, 1]),
  red('ReduceMean', 13, 'no axes reduces all', {}, [1, 1, 1]),
  red('ReduceMean', 13, 'no axes, keepdims 0 gives a scalar', { keepdims: 0 }, []),
  red('ReduceMean', 18, 'axes input (opset 18)', {}, [2, 3, 1], [-1]),
  red('ReduceMean', 18, 'noop_with_empty_axes without axes is identity', { noop_with_empty_axes: 1 }, [2, 3, 4]),
  red('ReduceSum', 11, 'axes attribute (opset 11)', { axes: [0, 2], keepdims: 0 }, [3]),
  red('ReduceSum', 13, 'axes input (opset 13)', {}, [2, 1, 1], [1, 2]),
  red('ReduceSum', 13, 'noop_with_empty_axes', { noop_with_empty_axes: 1 }, [2, 3, 4]),
  red('ReduceSum', 13, 'no axes input reduces all', { keepdims: 0 }, []),
  red('ReduceMax', 18, 'axes input', { keepdims: 0 }, [2, 4], [1]),
  red('ReduceMin', 18, 'axes input', {}, [1, 3, 4], [0]),
  red('ReduceProd', 18, 'axes input', {}, [2, 3, 1], [2]),
  red('ReduceL2', 18, 'keepdims 0', { keepdims: 0 }, [3, 4], [0]),
  red('ReduceL1', 13, 'attribute', { axes: [1] }, [2, 1, 4]),
  red('ReduceLogSumExp', 13, 'attribute', { axes: [2], keepdims: 0 }, [2, 3]),
  red('ReduceSumSquare', 13, 'attribute', { axes: [0] }, [1, 3, 4]),
  red('ReduceMax', 13, 'attribute', { axes: [1], keepdims: 0 }, [2, 4]),
  red('ReduceProd', 13, 'attribute', { axes: [2] }, [2, 3, 1]),
  { name: 'int64 out, keepdims 0', op: 'ArgMax', opset: 13, attrs: { axis: 1, keepdims: 0 }, inputs: [x(S)], expect: [['int64', [2, 4]]] },
  { name: 'default keepdims', op: 'ArgMin', opset: 13, attrs: { axis: -1 }, inputs: [x(S)], expect: [['int64', [2, 3, 1]]] },
  { name: 'select_last_index', op: 'ArgMax', opset: 12, attrs: { select_last_index: 1 }, inputs: [x(S)], expect: [['int64', [1, 3, 4]]] },
  { name: 'K input', op: 'TopK', opset: 11, attrs: { axis: 1 }, inputs: [x(S), i64([2])], expect: [['float32', [2, 2, 4]], ['int64', [2, 2, 4]]] },
  { name: 'K input, default last axis', op: 'TopK', opset: 10, inputs: [x(S), i64([3])], expect: [['float32', [2, 3, 3]], ['int64', [2, 3, 3]]] },
  { name: 'k attribute', op: 'TopK', opset: 1, attrs: { k: 1 }, inputs: [x(S)], expect: [['float32', [2, 3, 1]], ['int64', [2, 3, 1]]] },
];
