import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { seededInput } from '../helpers/run-model.ts';
import { floats, groupsOf, groupWith, ints, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Pools, Resize/Upsample and Pad between two convs: channels pass through; changed axes block. */

function between(op: string, inputs: (b: GraphBuilder) => string[], attrs: Record<string, number | readonly number[] | string> = {}, opset = 17, outputCount = 1) {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1), weight(b, 'b1', [6], 2)], {}, { name: 'conv1', outputs: ['c'] });
  const outs = b.opMulti(op, [c, ...inputs(b)], attrs, { name: 'op', outputs: outputCount === 1 ? ['p'] : ['p', 'extra'] });
  b.op('Conv', [outs[0] ?? '', weight(b, 'w2', [2, 6, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32');
  if (outputCount > 1) b.output('extra', 'int64');
  const model = b.toModel({ opset });
  return { model, analysis: groupsOf(model) };
}

const feeds = { x: seededInput([1, 3, 8, 8], 9) };

describe('pools', () => {
  it.each([
    ['MaxPool', { kernel_shape: [2, 2], strides: [2, 2] }],
    ['AveragePool', { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }],
    ['LpPool', { kernel_shape: [2, 2], p: 2 }],
    ['GlobalAveragePool', {}],
    ['GlobalMaxPool', {}],
    ['GlobalLpPool', {}],
  ] as const)('%s passes the channels through', (op, attrs) => {
    const g = groupWith(between(op, () => [], attrs).analysis, 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 6, 'p:1': 6 });
    expect(paramSlices(g)).toEqual(['b1@0', 'w1@0', 'w2@1']);
  });

  it('MaxPool with its Indices output blocks the channels', () => {
    const { analysis } = between('MaxPool', () => [], { kernel_shape: [2, 2], strides: [2, 2] }, 17, 2);
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual(["MaxPool at node op returns Indices 'extra', which encode channel offsets into 'c'"]);
  });

  it('hard prunes through MaxPool like zeroing (onnxruntime)', async () => {
    const { model, analysis } = between('MaxPool', () => [], { kernel_shape: [2, 2], strides: [2, 2] });
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [2, 3], feeds);
  });
});

describe('Resize and Upsample', () => {
  it('passes the channels through a spatial Resize by scales', () => {
    const { analysis } = between('Resize', (b) => ['', floats(b, 'scales', [4], [1, 1, 2, 2])], { mode: 'nearest' }, 13);
    expect(memberSizes(groupWith(analysis, 'c:1'))).toEqual({ 'c:1': 6, 'p:1': 6 });
  });

  it('blocks a Resize that scales the channel axis', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 8, 8]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const p = b.op('Resize', [c, '', floats(b, 'scales', [4], [1, 2, 1, 1])], { mode: 'nearest' }, { name: 'op', outputs: ['p'] });
    b.op('Conv', [p, weight(b, 'w2', [2, 12, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    expect(reasons(groupWith(groupsOf(b.toModel({ opset: 13 })), 'c:1'))).toEqual(["Resize at node op resizes axis 1 of 'c' (6 → 12)"]);
  });

  it('rewrites the channel entry of a constant `sizes` (onnxruntime)', async () => {
    const { model, analysis } = between('Resize', (b) => ['', '', ints(b, 'sizes', [1, 6, 16, 16])], { mode: 'nearest' }, 13);
    const g = groupWith(analysis, 'c:1');
    expect(g.nodes).toContain('op');
    await expectHardEqualsSoft(model, g, [0, 5], feeds);
  });

  it('blocks a Resize whose sizes are computed at run time', () => {
    const { analysis } = between(
      'Resize',
      (b) => ['', '', b.op('Concat', [b.op('Shape', [b.input('like', 'float32', [1, 6, 16, 16])], {}, { name: 'shape', outputs: ['shape'] })], { axis: 0 }, { name: 'sizes', outputs: ['sizes'] })],
      { mode: 'nearest' },
      13,
    );
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual(['Resize sizes of node op are computed at run time, so a pruned axis\'s entry cannot be rewritten']);
  });

  it('passes the channels through Upsample (opset 9)', () => {
    const { analysis } = between('Upsample', (b) => [floats(b, 'scales', [4], [1, 1, 2, 2])], { mode: 'nearest' }, 9);
    expect(groupWith(analysis, 'c:1').blocks).toEqual([]);
  });
});

describe('Pad', () => {
  it('passes channels with zero pads (input form, opset 13) and hard prunes like zeroing (onnxruntime)', async () => {
    const { model, analysis } = between('Pad', (b) => [ints(b, 'pads', [0, 0, 1, 2, 0, 0, 1, 2])], {}, 13);
    const g = groupWith(analysis, 'c:1');
    expect(memberSizes(g)).toEqual({ 'c:1': 6, 'p:1': 6 });
    await expectHardEqualsSoft(model, g, [4], feeds);
  });

  it('passes channels with zero pads (attribute form, opset 2)', () => {
    const { analysis } = between('Pad', () => [], { pads: [0, 0, 1, 1, 0, 0, 1, 1] }, 9);
    expect(groupWith(analysis, 'c:1').blocks).toEqual([]);
  });

  it('passes channels padded only on the listed spatial axes (opset 18 axes input)', () => {
    const { analysis } = between('Pad', (b) => [ints(b, 'pads', [1, 1, 1, 1]), '', ints(b, 'axes', [2, 3])], {}, 18);
    expect(groupWith(analysis, 'c:1').blocks).toEqual([]);
  });

  it('blocks a padded channel axis and computed pads', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 8, 8]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const p = b.op('Pad', [c, ints(b, 'pads', [0, 1, 0, 0, 0, 1, 0, 0])], {}, { name: 'pad', outputs: ['p'] });
    b.op('Conv', [p, weight(b, 'w2', [2, 8, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    expect(reasons(groupWith(groupsOf(b.toModel({ opset: 13 })), 'c:1'))).toEqual(["Pad at node pad pads axis 1 of 'c' by (1, 1)"]);

    const { analysis } = between('Pad', (bb) => [bb.op('Cast', [ints(bb, 'raw', [0, 0, 1, 1, 0, 0, 1, 1])], { to: 7 }, { name: 'cast', outputs: ['pads'] })], {}, 13);
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual(['Pad amounts of node op are computed at run time']);
  });
});
