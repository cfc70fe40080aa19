import { float } from '../../../src/ir/builder.ts';
import { weight, x, type OpCase } from './case-types.ts';

const X = [2, 3, 4, 4] as const;
const bnInputs = [x(X), weight([3]), weight([3]), weight([3]), { dtype: 'float32', shape: [3], value: [1, 1, 1] }] as const;

/** BatchNormalization (inference and training outputs), Instance/Layer/Group normalization, LRN and friends. */
export const normalizationCases: readonly OpCase[] = [
  { name: 'inference', op: 'BatchNormalization', opset: 15, inputs: bnInputs, expect: [['float32', X]] },
  { name: 'opset 9', op: 'BatchNormalization', opset: 9, inputs: bnInputs, expect: [['float32', X]] },
  {
    name: 'training_mode returns running mean and var',
    op: 'BatchNormalization',
    opset: 15,
    attrs: { training_mode: 1 },
    inputs: bnInputs,
    expect: [['float32', X], ['float32', [3]], ['float32', [3]]],
  },
  {
    name: 'training_mode opset 14',
    op: 'BatchNormalization',
    opset: 14,
    attrs: { training_mode: 1, momentum: float(0.9) },
    inputs: [x([2, 3, 5]), weight([3]), weight([3]), weight([3]), { dtype: 'float32', shape: [3], value: [1, 1, 1] }],
    expect: [['float32', [2, 3, 5]], ['float32', [3]], ['float32', [3]]],
  },
  { name: 'InstanceNormalization', op: 'InstanceNormalization', opset: 6, inputs: [x(X), weight([3]), weight([3])], expect: [['float32', X]] },
  {
    name: 'axis -1 with Mean and InvStdDev',
    op: 'LayerNormalization',
    opset: 17,
    inputs: [x(X), weight([4]), weight([4])],
    expect: [['float32', X], ['float32', [2, 3, 4, 1]], ['float32', [2, 3, 4, 1]]],
  },
  {
    name: 'axis 1 statistics keep leading dims',
    op: 'LayerNormalization',
    opset: 17,
    attrs: { axis: 1 },
    inputs: [x(X), weight([3, 4, 4])],
    expect: [['float32', X], ['float32', [2, 1, 1, 1]], ['float32', [2, 1, 1, 1]]],
  },
  { name: 'Y only', op: 'LayerNormalization', opset: 17, attrs: { axis: -2 }, inputs: [x(X), weight([4, 4])], expect: [['float32', X]] },
  {
    name: 'float16 input, float statistics (stash_type)',
    op: 'LayerNormalization',
    opset: 17,
    inputs: [x([2, 4], 'float16'), weight([4], 'float16')],
    expect: [['float16', [2, 4]], ['float32', [2, 1]], ['float32', [2, 1]]],
  },
  { name: 'GroupNormalization', op: 'GroupNormalization', opset: 21, attrs: { num_groups: 3 }, inputs: [x([2, 6, 4, 4]), weight([6]), weight([6])], expect: [['float32', [2, 6, 4, 4]]] },
  { name: 'LRN', op: 'LRN', opset: 13, attrs: { size: 3 }, inputs: [x(X)], expect: [['float32', X]] },
  { name: 'LpNormalization', op: 'LpNormalization', opset: 1, attrs: { axis: 1 }, inputs: [x(X)], expect: [['float32', X]] },
  { name: 'MeanVarianceNormalization', op: 'MeanVarianceNormalization', opset: 13, inputs: [x(X)], expect: [['float32', X]] },
];
