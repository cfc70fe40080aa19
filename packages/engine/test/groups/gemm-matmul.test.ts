import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { seededInput } from '../helpers/run-model.ts';
import { cover, groupsOf, groupWith, inSomeGroup, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Gemm and MatMul: sources on the output features, weight slices on the contracted axis. */

describe('Gemm', () => {
  function mlp(transB1: 0 | 1, transB2: 0 | 1) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 16]);
    const w1 = weight(b, 'w1', transB1 ? [8, 16] : [16, 8], 1);
    const h = b.op('Relu', [b.op('Gemm', [x, w1, weight(b, 'b1', [1, 8], 2)], { transB: transB1 }, { name: 'fc1', outputs: ['h0'] })], {}, { name: 'relu', outputs: ['h'] });
    b.op('Gemm', [h, weight(b, 'w2', transB2 ? [4, 8] : [8, 4], 3), weight(b, 'b2', [4], 4)], { transB: transB2 }, { name: 'fc2', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel();
    return { model, analysis: groupsOf(model) };
  }

  it.each([
    [0, 1, ['b1@1', 'w1@1', 'w2@1']],
    [1, 0, ['b1@1', 'w1@0', 'w2@0']],
  ] as const)('transB %i then %i: the hidden features take B rows or columns and the bias', (t1, t2, params) => {
    const g = groupWith(mlp(t1, t2).analysis, 'h0:1');
    expect(g.root).toBe('fc1');
    expect(memberSizes(g)).toEqual({ 'h0:1': 8, 'h:1': 8 });
    expect(paramSlices(g)).toEqual(params);
  });

  it('does not couple the graph input features with anything but the weight', () => {
    const { analysis } = mlp(0, 0);
    expect(inSomeGroup(analysis, 'x:1')).toBe(false);
    expect(analysis.groups.map((g) => g.id)).toEqual(['h0:1', 'y:1']);
  });

  it('hard prunes hidden features like zeroing (onnxruntime)', async () => {
    const { model, analysis } = mlp(1, 0);
    await expectHardEqualsSoft(model, groupWith(analysis, 'h0:1'), [0, 7], { x: seededInput([3, 16], 2) });
  });

  it('couples A’s rows with Y’s rows under transA', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [3, 16]);
    const a = b.op('MatMul', [weight(b, 'wa', [6, 3], 1), x], {}, { name: 'pre', outputs: ['a'] });
    const y = b.op('Gemm', [a, weight(b, 'w', [6, 4], 2)], { transA: 1 }, { name: 'fc', outputs: ['g'] });
    b.op('MatMul', [y, weight(b, 'w3', [4, 2], 3)], {}, { name: 'post', outputs: ['z'] });
    b.output('z', 'float32');
    const analysis = groupsOf(b.toModel());
    expect(paramSlices(groupWith(analysis, 'a:0'))).toEqual(['w@0', 'wa@0']);
    // a's axis 1 (Y's rows under transA) comes from the graph input x, so it is in no group.
    expect(inSomeGroup(analysis, 'g:0')).toBe(false);
  });

  it('blocks a Gemm whose weight is computed at run time', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 16]);
    const h = b.op('Gemm', [x, weight(b, 'w1', [16, 8], 1)], {}, { name: 'fc1', outputs: ['h'] });
    const w = b.op('Relu', [weight(b, 'w2raw', [8, 4], 2)], {}, { name: 'w2', outputs: ['w2'] });
    b.op('Gemm', [h, w], {}, { name: 'fc2', outputs: ['y'] });
    b.output('y', 'float32');
    expect(reasons(groupWith(groupsOf(b.toModel()), 'h:1'))).toEqual(["Gemm at node fc2: weight 'w2' is computed at run time, not a constant"]);
  });
});

describe('MatMul with a constant 2-D weight', () => {
  it('X · W: W’s rows follow X’s last axis and the output features are a source', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 5, 16]);
    const p = b.op('MatMul', [x, weight(b, 'w1', [16, 8], 1)], {}, { name: 'fc1', outputs: ['p'] });
    const h = b.op('Relu', [b.op('Add', [p, weight(b, 'b1', [8], 2)], {}, { name: 'bias', outputs: ['q'] })], {}, { name: 'relu', outputs: ['h'] });
    b.op('MatMul', [h, weight(b, 'w2', [8, 4], 3)], {}, { name: 'fc2', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel();
    const g = groupWith(groupsOf(model), 'p:2');
    expect(memberSizes(g)).toEqual({ 'p:2': 8, 'q:2': 8, 'h:2': 8 });
    expect(paramSlices(g)).toEqual(['b1@0', 'w1@1', 'w2@0']);
    await expectHardEqualsSoft(model, g, [3, 4, 5], { x: seededInput([2, 5, 16], 1) });
  });

  it('W · X: W’s columns follow X’s axis -2 and the output rows are a source', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 16, 5]);
    const m = b.op('Relu', [b.op('MatMul', [weight(b, 'w1', [8, 16], 1), x], {}, { name: 'fc1', outputs: ['m'] })], {}, { name: 'relu', outputs: ['r'] });
    b.op('MatMul', [weight(b, 'w2', [4, 8], 2), m], {}, { name: 'fc2', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel();
    const g = groupWith(groupsOf(model), 'm:1');
    expect(memberSizes(g)).toEqual({ 'm:1': 8, 'r:1': 8 });
    expect(paramSlices(g)).toEqual(['w1@0', 'w2@1']);
    expect(cover(g, 6)).toEqual({ 'm:1': [6], 'r:1': [6] });
    await expectHardEqualsSoft(model, g, [0, 6], { x: seededInput([2, 16, 5], 1) });
  });
});

describe('MatMul of two computed tensors', () => {
  it('links broadcast batch axes, the free axes and the contraction', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 5, 16]);
    const q = b.op('MatMul', [x, weight(b, 'wq', [16, 6], 1)], {}, { name: 'q', outputs: ['q'] });
    const k = b.op('MatMul', [x, weight(b, 'wk', [16, 6], 2)], {}, { name: 'k', outputs: ['k'] });
    const kt = b.op('Transpose', [k], { perm: [0, 2, 1] }, { name: 'kt', outputs: ['kt'] });
    const s = b.op('MatMul', [q, kt], {}, { name: 'scores', outputs: ['s'] });
    b.op('ReduceSum', [s], { axes: [1, 2], keepdims: 0 }, { name: 'sum', outputs: ['y'] });
    b.output('y', 'float32');
    const analysis = groupsOf(b.toModel({ opset: 11 }));
    const g = groupWith(analysis, 'q:2');
    expect(g.sources.map((d) => d.value)).toEqual(['q', 'k']);
    expect(memberSizes(g)).toEqual({ 'q:2': 6, 'k:2': 6, 'kt:1': 6 });
    expect(paramSlices(g)).toEqual(['wk@1', 'wq@1']);
    expect(g.blocks).toEqual([]);
  });
});
