import { weight, x, type OpCase } from './case-types.ts';

/** RNN/GRU/LSTM: directions, layout, hidden size from the attribute or from W. */
export const rnnCases: readonly OpCase[] = [
  {
    name: 'forward, all outputs',
    op: 'LSTM',
    opset: 14,
    attrs: { hidden_size: 5 },
    inputs: [x([7, 2, 3]), weight([1, 20, 3]), weight([1, 20, 5])],
    expect: [['float32', [7, 1, 2, 5]], ['float32', [1, 2, 5]], ['float32', [1, 2, 5]]],
  },
  {
    name: 'bidirectional',
    op: 'LSTM',
    opset: 14,
    attrs: { hidden_size: 4, direction: 'bidirectional' },
    inputs: [x([6, 2, 3]), weight([2, 16, 3]), weight([2, 16, 4])],
    expect: [['float32', [6, 2, 2, 4]], ['float32', [2, 2, 4]], ['float32', [2, 2, 4]]],
  },
  {
    // onnxruntime's CPU kernels refuse layout=1; the spec's batch-first shapes are checked without it.
    name: 'bidirectional, batch-first layout (spec only)',
    op: 'LSTM',
    opset: 14,
    attrs: { direction: 'bidirectional', layout: 1 },
    inputs: [x([2, 6, 3]), weight([2, 16, 3]), weight([2, 16, 4])],
    expect: [['float32', [2, 6, 2, 4]], ['float32', [2, 2, 4]], ['float32', [2, 2, 4]]],
    ort: false,
  },
  {
    name: 'hidden size',
    op: 'GRU',
    opset: 14,
    attrs: { hidden_size: 4 },
    inputs: [x([5, 3, 2]), weight([1, 12, 2]), weight([1, 12, 4])],
    expect: [['float32', [5, 1, 3, 4]], ['float32', [1, 3, 4]]],
  },
  {
    name: 'reverse, Y_h only',
    op: 'RNN',
    opset: 14,
    attrs: { hidden_size: 3, direction: 'reverse' },
    inputs: [x([4, 2, 6]), weight([1, 3, 6]), weight([1, 3, 3])],
    expect: [['float32', [4, 1, 2, 3]], ['float32', [1, 2, 3]]],
  },
  {
    name: 'RoiAlign output size',
    op: 'RoiAlign',
    opset: 16,
    attrs: { output_height: 3, output_width: 2 },
    inputs: [x([2, 4, 8, 8]), { dtype: 'float32', shape: [3, 4], value: [0, 0, 4, 4, 1, 1, 5, 5, 2, 2, 6, 6] }, { dtype: 'int64', shape: [3], value: [0, 1, 1] }],
    expect: [['float32', [3, 4, 3, 2]]],
  },
];
