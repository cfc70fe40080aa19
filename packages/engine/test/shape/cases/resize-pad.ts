import { float } from '../../../src/ir/builder.ts';
import { EMPTY_F32, f32, i64, x, type CaseAttrs, type OpCase } from './case-types.ts';

const X = [1, 3, 5, 5] as const;
const resize = (name: string, opset: number, inputs: OpCase['inputs'], out: readonly number[], attrs: CaseAttrs = {}): OpCase => ({
  name,
  op: 'Resize',
  opset,
  attrs,
  inputs,
  expect: [['float32', out]],
});
const pad = (name: string, opset: number, inputs: OpCase['inputs'], out: readonly number[], attrs: CaseAttrs = {}): OpCase => ({
  name,
  op: 'Pad',
  opset,
  attrs,
  inputs,
  expect: [['float32', out]],
});

/** Resize/Upsample in every opset form (scales or sizes, roi, axes, keep_aspect_ratio_policy), Pad, GridSample. */
export const resizePadCases: readonly OpCase[] = [
  resize('opset 10 scales', 10, [x(X), f32([1, 1, 2, 2])], [1, 3, 10, 10]),
  resize('opset 11 scales with empty roi', 11, [x(X), EMPTY_F32, f32([1, 1, 0.5, 0.5])], [1, 3, 2, 2]),
  resize('opset 11 sizes with empty scales', 11, [x(X), EMPTY_F32, EMPTY_F32, i64([1, 3, 7, 9])], [1, 3, 7, 9]),
  resize('opset 11 linear, fractional scales', 11, [x(X), EMPTY_F32, f32([1, 1, 1.5, 0.6])], [1, 3, 7, 3], { mode: 'linear' }),
  resize('opset 13 scales, roi omitted', 13, [x(X), null, f32([1, 1, 2, 3])], [1, 3, 10, 15]),
  resize('opset 13 sizes only', 13, [x(X), null, null, i64([1, 3, 4, 6])], [1, 3, 4, 6], { mode: 'linear' }),
  resize('opset 13 cubic, align_corners', 13, [x(X), null, f32([1, 1, 1.3, 1.3])], [1, 3, 6, 6], { mode: 'cubic', coordinate_transformation_mode: 'align_corners' }),
  resize('opset 18 axes with scales', 18, [x(X), null, f32([2, 3])], [1, 3, 10, 15], { axes: [2, 3] }),
  resize('opset 18 axes with sizes', 18, [x(X), null, null, i64([8])], [1, 3, 5, 8], { axes: [-1] }),
  resize('opset 18 not_larger keeps aspect ratio', 18, [x([1, 3, 5, 10]), null, null, i64([7, 7])], [1, 3, 4, 7], { axes: [2, 3], keep_aspect_ratio_policy: 'not_larger' }),
  resize('opset 18 not_smaller keeps aspect ratio', 18, [x([1, 3, 5, 10]), null, null, i64([7, 7])], [1, 3, 7, 14], { axes: [2, 3], keep_aspect_ratio_policy: 'not_smaller' }),
  resize('opset 19 antialias', 19, [x(X), null, f32([1, 1, 0.5, 0.5])], [1, 3, 2, 2], { mode: 'linear', antialias: 1 }),
  { name: 'scales attribute', op: 'Upsample', opset: 7, attrs: { scales: float([1, 1, 2, 2]) }, inputs: [x(X)], expect: [['float32', [1, 3, 10, 10]]] },
  { name: 'scales input', op: 'Upsample', opset: 9, inputs: [x(X), f32([1, 1, 2, 3])], expect: [['float32', [1, 3, 10, 15]]] },
  pad('pads input', 11, [x(X), i64([0, 0, 1, 1, 0, 0, 1, 1])], [1, 3, 7, 7]),
  pad('negative pads crop', 13, [x(X), i64([0, 0, -1, 0, 0, 0, -2, 2])], [1, 3, 2, 7]),
  pad('constant_value input', 13, [x(X), i64([0, 1, 0, 0, 0, 1, 0, 0]), f32([1], [])], [1, 5, 5, 5]),
  pad('reflect', 13, [x(X), i64([0, 0, 2, 2, 0, 0, 2, 2])], [1, 3, 9, 9], { mode: 'reflect' }),
  pad('pads attribute (opset 2)', 2, [x(X)], [1, 3, 6, 8], { pads: [0, 0, 0, 1, 0, 0, 1, 2] }),
  pad('axes input (opset 18)', 18, [x(X), i64([1, 2, 3, 4]), null, i64([2, 3])], [1, 3, 9, 11]),
  pad('negative axes input', 18, [x(X), i64([1, 1]), null, i64([-1])], [1, 3, 5, 7]),
  { name: '2-D grid', op: 'GridSample', opset: 16, inputs: [x([1, 3, 5, 5]), x([1, 4, 6, 2])], expect: [['float32', [1, 3, 4, 6]]] },
];
