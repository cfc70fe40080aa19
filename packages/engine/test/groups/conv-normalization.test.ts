import { describe, expect, it } from 'vitest';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { seededInput } from '../helpers/run-model.ts';
import { cover, floats, groupsOf, groupWith, iota, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Conv (and ConvTranspose) with the normalizations that follow them: which dims and weight axes go together. */

function bnInputs(b: GraphBuilder, scope: string, c: number): string[] {
  return ['scale', 'bias', 'mean', 'var'].map((k, i) => floats(b, `${scope}.${k}`, [c], iota(c).map((j) => (k === 'var' ? 1 + 0.1 * j : 0.1 * (j + i)))));
}

describe('Conv → BatchNormalization → Relu → Conv', () => {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const c1 = b.op('Conv', [x, weight(b, 'w1', [6, 3, 3, 3], 1), weight(b, 'b1', [6], 2)], { pads: [1, 1, 1, 1] }, { name: 'conv1', outputs: ['c1'] });
  const bn = b.op('BatchNormalization', [c1, ...bnInputs(b, 'bn', 6)], { epsilon: float(1e-5) }, { name: 'bn', outputs: ['bn'] });
  const r = b.op('Relu', [bn], {}, { name: 'relu', outputs: ['r'] });
  b.op('Conv', [r, weight(b, 'w2', [4, 6, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32');
  const analysis = groupsOf(b.toModel());

  it('forms one group of 6 channels spanning the conv output, BN, Relu and the next conv input', () => {
    const g = groupWith(analysis, 'c1:1');
    expect(g.root).toBe('conv1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c1:1': 6, 'bn:1': 6, 'r:1': 6 });
    expect(paramSlices(g)).toEqual(['b1@0', 'bn.bias@0', 'bn.mean@0', 'bn.scale@0', 'bn.var@0', 'w1@0', 'w2@1']);
    expect(g.channels).toHaveLength(6);
    expect(cover(g, 4)).toEqual({ 'c1:1': [4], 'bn:1': [4], 'r:1': [4] });
    expect(g.nodes).toEqual(['conv1', 'bn', 'relu', 'conv2']);
  });

  it('blocks the last conv, whose output is the graph output', () => {
    const g = groupWith(analysis, 'y:1');
    expect(reasons(g)).toEqual(["'y' is a graph output: the model's interface does not change"]);
    expect(g.channels).toEqual([]);
  });

  it('does not couple batch or spatial axes into any group', () => {
    expect(analysis.groups).toHaveLength(2);
  });
});

describe('grouped and depthwise Conv', () => {
  function model(group: number) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 6, 6]);
    const c1 = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c1'] });
    const out = group === 8 ? 8 : 4;
    const g = b.op('Conv', [c1, weight(b, 'wg', [out, 8 / group, 3, 3], 2), weight(b, 'bg', [out], 3)], { group, pads: [1, 1, 1, 1] }, { name: 'gconv', outputs: ['g'] });
    const r = b.op('Relu', [g], {}, { name: 'relu', outputs: ['r'] });
    b.op('Conv', [r, weight(b, 'w3', [2, out, 1, 1], 4)], {}, { name: 'conv3', outputs: ['y'] });
    b.output('y', 'float32');
    return b.toModel();
  }

  it('couples a depthwise conv input channel with its output channel (one group)', () => {
    const g = groupWith(groupsOf(model(8)), 'c1:1');
    expect(memberSizes(g)).toEqual({ 'c1:1': 8, 'g:1': 8, 'r:1': 8 });
    expect(paramSlices(g)).toEqual(['bg@0', 'w1@0', 'w3@1', 'wg@0']);
    expect(g.channels).toHaveLength(8);
    expect(cover(g, 3)).toEqual({ 'c1:1': [3], 'g:1': [3], 'r:1': [3] });
  });

  it('makes each conv group one channel: group = 2, 8 → 4 gives 2 channels of 4 inputs and 2 outputs', () => {
    const g = groupWith(groupsOf(model(2)), 'c1:1');
    expect(g.channels).toHaveLength(2);
    expect(cover(g, 1)).toEqual({ 'c1:1': [4, 5, 6, 7], 'g:1': [2, 3], 'r:1': [2, 3] });
    expect(paramSlices(g)).toEqual(['bg@0', 'w1@0', 'w3@1', 'wg@0']);
  });

  it('rewrites `group` so hard pruning a conv group equals zeroing it (onnxruntime)', async () => {
    const m = model(2);
    await expectHardEqualsSoft(m, groupWith(groupsOf(m), 'c1:1'), [0], { x: seededInput([1, 3, 6, 6], 5) });
  });

  it('hard prunes depthwise channels like zeroing them (onnxruntime)', async () => {
    const m = model(8);
    await expectHardEqualsSoft(m, groupWith(groupsOf(m), 'c1:1'), [1, 6], { x: seededInput([1, 3, 6, 6], 5) });
  });
});

describe('ConvTranspose', () => {
  it('takes input channels on weight axis 0 and is a source on weight axis 1', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c1 = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c1'] });
    const t = b.op('ConvTranspose', [c1, weight(b, 'wt', [6, 5, 2, 2], 2), weight(b, 'bt', [5], 3)], { strides: [2, 2] }, { name: 'up', outputs: ['t'] });
    b.op('Conv', [t, weight(b, 'w3', [2, 5, 1, 1], 4)], {}, { name: 'conv3', outputs: ['y'] });
    b.output('y', 'float32');
    const analysis = groupsOf(b.toModel());
    expect(paramSlices(groupWith(analysis, 'c1:1'))).toEqual(['w1@0', 'wt@0']);
    const up = groupWith(analysis, 't:1');
    expect(up.root).toBe('up');
    expect(paramSlices(up)).toEqual(['bt@0', 'w3@1', 'wt@1']);
    expect(up.channels).toHaveLength(5);
  });
});

describe('normalizations', () => {
  function between(op: string, inputs: (b: GraphBuilder) => string[], attrs: Record<string, number> = {}, opset = 18) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c1 = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c1'] });
    const n = b.op(op, [c1, ...inputs(b)], attrs, { name: 'norm', outputs: ['n'] });
    b.op('Conv', [n, weight(b, 'w2', [2, 6, 1, 1], 2)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    return groupWith(groupsOf(b.toModel({ opset })), 'c1:1');
  }

  it('InstanceNormalization: scale and B are slices of the channels', () => {
    const g = between('InstanceNormalization', (b) => [floats(b, 's', [6], iota(6)), floats(b, 'bias', [6], iota(6))]);
    expect(g.blocks).toEqual([]);
    expect(paramSlices(g)).toEqual(['bias@0', 's@0', 'w1@0', 'w2@1']);
  });

  it('GroupNormalization normalizes over the channels, so they are blocked', () => {
    const g = between('GroupNormalization', (b) => [floats(b, 's', [2], [1, 1]), floats(b, 'bias', [2], [0, 0])], { num_groups: 2 });
    expect(reasons(g)).toEqual(['GroupNormalization normalizes over this axis within each group; pruning it changes every output (at node norm)']);
  });

  it('LpNormalization over axis 1 blocks the channels; over the last axis it does not', () => {
    expect(reasons(between('LpNormalization', () => [], { axis: 1 }))).toEqual(["LpNormalization at node norm normalizes over axis 1 of 'c1'; pruning it changes every output"]);
    expect(between('LpNormalization', () => [], { axis: -1 }).blocks).toEqual([]);
  });

  it('BatchNormalization in training mode: running mean and var outputs follow the channels', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 3, 4, 4]);
    const c1 = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c1'] });
    const [n = '', rm = '', rv = ''] = b.opMulti('BatchNormalization', [c1, ...bnInputs(b, 'bn', 6)], { training_mode: 1 }, { name: 'bn', outputs: ['n', 'rm', 'rv'] });
    const s = b.op('Add', [rm, rv], {}, { name: 'stats', outputs: ['s'] });
    b.op('Conv', [n, weight(b, 'w2', [2, 6, 1, 1], 2)], {}, { name: 'conv2', outputs: ['y'] });
    b.op('ReduceSum', [s], { keepdims: 0 }, { name: 'sum', outputs: ['z'] });
    b.output('y', 'float32');
    b.output('z', 'float32');
    const g = groupWith(groupsOf(b.toModel({ opset: 15 })), 'c1:1');
    expect(memberSizes(g)).toEqual({ 'c1:1': 6, 'n:1': 6, 'rm:0': 6, 'rv:0': 6, 's:0': 6 });
    expect(reasons(g)).toEqual(["ReduceSum at node sum reduces over axis 0 of 's'"]);
  });
});
