import { DataType } from '../../../src/ir/dtype.ts';
import { x, type OpCase } from './case-types.ts';

const S = [2, 3] as const;
const scalar = (dtype: string, v: number): OpCase['inputs'][number] => ({ dtype, shape: [], value: [v] });

/** Cast/CastLike, QuantizeLinear/DequantizeLinear dtype rules per opset, DynamicQuantizeLinear. */
export const castQuantizeCases: readonly OpCase[] = [
  { name: 'to int64', op: 'Cast', opset: 13, attrs: { to: DataType.INT64 }, inputs: [x(S)], expect: [['int64', S]] },
  { name: 'to float16', op: 'Cast', opset: 13, attrs: { to: DataType.FLOAT16 }, inputs: [x(S)], expect: [['float16', S]] },
  { name: 'to bool', op: 'Cast', opset: 9, attrs: { to: DataType.BOOL }, inputs: [x(S, 'int32')], expect: [['bool', S]] },
  { name: 'int64 to float', op: 'Cast', opset: 19, attrs: { to: DataType.FLOAT }, inputs: [x(S, 'int64')], expect: [['float32', S]] },
  { name: 'takes the second input type', op: 'CastLike', opset: 15, inputs: [x(S), x([1], 'int32')], expect: [['int32', S]] },
  { name: 'uint8 zero point', op: 'QuantizeLinear', opset: 13, inputs: [x(S), scalar('float32', 0.1), scalar('uint8', 128)], expect: [['uint8', S]] },
  { name: 'int8 zero point', op: 'QuantizeLinear', opset: 13, inputs: [x(S), scalar('float32', 0.1), scalar('int8', 0)], expect: [['int8', S]] },
  { name: 'no zero point gives uint8', op: 'QuantizeLinear', opset: 10, inputs: [x(S), scalar('float32', 0.1)], expect: [['uint8', S]] },
  {
    name: 'per-axis scale',
    op: 'QuantizeLinear',
    opset: 13,
    attrs: { axis: 1 },
    inputs: [x([2, 3, 4]), { dtype: 'float32', shape: [3], value: [0.1, 0.2, 0.3] }, { dtype: 'int8', shape: [3], value: [0, 0, 0] }],
    expect: [['int8', [2, 3, 4]]],
  },
  { name: 'output_dtype attribute (opset 21)', op: 'QuantizeLinear', opset: 21, attrs: { output_dtype: DataType.INT8 }, inputs: [x(S), scalar('float32', 0.1)], expect: [['int8', S]] },
  { name: 'int16 zero point (opset 21)', op: 'QuantizeLinear', opset: 21, inputs: [x(S), scalar('float32', 0.1), scalar('int16', 0)], expect: [['int16', S]] },
  { name: 'gives float (opset 13)', op: 'DequantizeLinear', opset: 13, inputs: [x(S, 'int8'), scalar('float32', 0.1), scalar('int8', 0)], expect: [['float32', S]] },
  { name: 'no zero point', op: 'DequantizeLinear', opset: 10, inputs: [x(S, 'uint8'), scalar('float32', 0.1)], expect: [['float32', S]] },
  { name: 'int32 input', op: 'DequantizeLinear', opset: 13, inputs: [x(S, 'int32'), scalar('float32', 0.1)], expect: [['float32', S]] },
  { name: 'scale type decides (opset 19)', op: 'DequantizeLinear', opset: 19, inputs: [x(S, 'uint8'), { dtype: 'float16', shape: [], value: [0x2e66] }, scalar('uint8', 3)], expect: [['float16', S]] },
  { name: 'opset 21', op: 'DequantizeLinear', opset: 21, inputs: [x(S, 'int8'), scalar('float32', 0.1)], expect: [['float32', S]] },
  {
    name: 'three outputs',
    op: 'DynamicQuantizeLinear',
    opset: 11,
    inputs: [x([2, 5])],
    expect: [['uint8', [2, 5]], ['float32', []], ['uint8', []]],
  },
];
