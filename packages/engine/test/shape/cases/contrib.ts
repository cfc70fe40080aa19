import { float } from '../../../src/ir/builder.ts';
import { weight, x, type OpCase } from './case-types.ts';

const MS = 'com.microsoft';
const scalar = (dtype: string, v: number): OpCase['inputs'][number] => ({ dtype, shape: [], value: [v] });

/** onnxruntime contrib ops (com.microsoft) with ai.onnx-like shapes. */
export const contribCases: readonly OpCase[] = [
  {
    name: 'FusedConv',
    op: 'FusedConv',
    domain: MS,
    opset: 13,
    attrs: { activation: 'Relu', pads: [1, 1, 1, 1], strides: [2, 2] },
    inputs: [x([1, 3, 8, 8]), weight([4, 3, 3, 3])],
    expect: [['float32', [1, 4, 4, 4]]],
  },
  { name: 'FusedMatMul transB', op: 'FusedMatMul', domain: MS, opset: 13, attrs: { transB: 1 }, inputs: [x([2, 3, 4]), x([5, 4])], expect: [['float32', [2, 3, 5]]] },
  {
    name: 'QLinearAdd broadcasts',
    op: 'QLinearAdd',
    domain: MS,
    opset: 13,
    inputs: [x([2, 3], 'uint8'), scalar('float32', 0.1), scalar('uint8', 128), x([3], 'uint8'), scalar('float32', 0.1), scalar('uint8', 128), scalar('float32', 0.2), scalar('uint8', 128)],
    expect: [['uint8', [2, 3]]],
  },
  {
    name: 'QLinearSigmoid',
    op: 'QLinearSigmoid',
    domain: MS,
    opset: 13,
    inputs: [x([2, 3], 'int8'), scalar('float32', 0.1), scalar('int8', 0), scalar('float32', 0.01), scalar('int8', 0)],
    expect: [['int8', [2, 3]]],
  },
  {
    name: 'QLinearGlobalAveragePool',
    op: 'QLinearGlobalAveragePool',
    domain: MS,
    opset: 13,
    attrs: { channels_last: 0 },
    inputs: [x([1, 3, 4, 4], 'uint8'), scalar('float32', 0.1), scalar('uint8', 128), scalar('float32', 0.1), scalar('uint8', 128)],
    expect: [['uint8', [1, 3, 1, 1]]],
  },
  {
    name: 'QLinearMul',
    op: 'QLinearMul',
    domain: MS,
    opset: 13,
    inputs: [x([2, 1], 'int8'), scalar('float32', 0.1), scalar('int8', 0), x([1, 3], 'int8'), scalar('float32', 0.1), scalar('int8', 0), scalar('float32', 0.2), scalar('int8', 0)],
    expect: [['int8', [2, 3]]],
  },
  {
    name: 'QLinearLeakyRelu',
    op: 'QLinearLeakyRelu',
    domain: MS,
    opset: 13,
    attrs: { alpha: float(0.1) },
    inputs: [x([2, 3], 'uint8'), scalar('float32', 0.1), scalar('uint8', 128), scalar('float32', 0.1), scalar('uint8', 128)],
    expect: [['uint8', [2, 3]]],
  },
  {
    name: 'MatMulIntegerToFloat',
    op: 'MatMulIntegerToFloat',
    domain: MS,
    opset: 13,
    inputs: [x([2, 4], 'uint8'), weight([4, 3], 'int8'), scalar('float32', 0.1), { dtype: 'float32', shape: [3], value: [0.1, 0.1, 0.1] }],
    expect: [['float32', [2, 3]]],
  },
  { name: 'BiasGelu', op: 'BiasGelu', domain: MS, opset: 13, inputs: [x([2, 3]), weight([3])], expect: [['float32', [2, 3]]] },
  { name: 'Gelu', op: 'Gelu', domain: MS, opset: 13, inputs: [x([2, 3])], expect: [['float32', [2, 3]]] },
  { name: 'FastGelu', op: 'FastGelu', domain: MS, opset: 13, inputs: [x([2, 3])], expect: [['float32', [2, 3]]] },
  { name: 'QuickGelu', op: 'QuickGelu', domain: MS, opset: 13, inputs: [x([2, 3])], expect: [['float32', [2, 3]]] },
  {
    name: 'DynamicQuantizeMatMul',
    op: 'DynamicQuantizeMatMul',
    domain: MS,
    opset: 13,
    inputs: [x([2, 4]), weight([4, 3], 'int8'), scalar('float32', 0.1), scalar('int8', 0)],
    expect: [['float32', [2, 3]]],
  },
  {
    name: 'MatMulNBits 4-bit',
    op: 'MatMulNBits',
    domain: MS,
    opset: 13,
    attrs: { K: 32, N: 4, bits: 4, block_size: 32 },
    inputs: [x([2, 32]), weight([4, 1, 16], 'uint8'), { dtype: 'float32', shape: [4], value: [1, 1, 1, 1] }],
    expect: [['float32', [2, 4]]],
  },
];
