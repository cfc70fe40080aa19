import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { seededInput } from '../helpers/run-model.ts';
import { groupsOf, groupWith, ints, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Softmax-like ops and reductions: the axes they mix are blocked, the others pass. */

/** x [1, 3, 4, 5] → conv1 (c: 6 channels) → `body` → conv2 reading the channels. */
function around(body: (b: GraphBuilder, c: string) => string, opset: number) {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 4, 5]);
  const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1), weight(b, 'b1', [6], 2)], {}, { name: 'conv1', outputs: ['c'] });
  b.op('Conv', [body(b, c), weight(b, 'w2', [2, 6, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32');
  const model = b.toModel({ opset });
  return { model, analysis: groupsOf(model) };
}

const feeds = { x: seededInput([1, 3, 4, 5], 12) };

describe('Softmax, LogSoftmax, Hardmax', () => {
  it('block the normalized axis (opset 13) and pass the others', () => {
    const across = around((b, c) => b.op('Softmax', [c], { axis: 1 }, { name: 'sm', outputs: ['s'] }), 13);
    expect(reasons(groupWith(across.analysis, 'c:1'))).toEqual(["Softmax at node sm normalizes over axis 1 of 'c'"]);
    const spatial = around((b, c) => b.op('Hardmax', [c], { axis: -1 }, { name: 'hm', outputs: ['s'] }), 13);
    expect(memberSizes(groupWith(spatial.analysis, 'c:1'))).toEqual({ 'c:1': 6, 's:1': 6 });
  });

  it('block every axis from `axis` on before opset 13 (2-D coercion)', () => {
    const coerced = around((b, c) => b.op('LogSoftmax', [c], {}, { name: 'lsm', outputs: ['s'] }), 11);
    expect(reasons(groupWith(coerced.analysis, 'c:1'))).toEqual(["LogSoftmax at node lsm normalizes over axis 1 of 'c' (opset 11 flattens axes 1..3 into one)"]);
    const after = around((b, c) => b.op('Softmax', [c], { axis: 2 }, { name: 'sm', outputs: ['s'] }), 11);
    expect(groupWith(after.analysis, 'c:1').blocks).toEqual([]);
  });

  it('hard prunes through a spatial Softmax like zeroing (onnxruntime)', async () => {
    const { model, analysis } = around((b, c) => b.op('Softmax', [c], { axis: 3 }, { name: 'sm', outputs: ['s'] }), 13);
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [1, 4], feeds);
  });
});

describe('reductions', () => {
  const squeeze = (opset: number) =>
    around((b, c) => {
      const axes = [2, 3];
      const mean = opset >= 18 ? b.op('ReduceMean', [c, ints(b, 'axes', axes)], {}, { name: 'mean', outputs: ['r'] }) : b.op('ReduceMean', [c], { axes }, { name: 'mean', outputs: ['r'] });
      return b.op('Mul', [c, b.op('Sigmoid', [mean], {}, { name: 'gate', outputs: ['g'] })], {}, { name: 'mul', outputs: ['m'] });
    }, opset);

  it.each([13, 18])('leave the channels of an SE squeeze over H, W linked (opset %i)', (opset) => {
    const g = groupWith(squeeze(opset).analysis, 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 6, 'r:1': 6, 'g:1': 6, 'm:1': 6 });
  });

  it('hard prune through the SE squeeze like zeroing (onnxruntime)', async () => {
    const { model, analysis } = squeeze(13);
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [0, 2], feeds);
  });

  it('shift the kept axes when keepdims = 0 (ReduceSum with axes input, opset 13)', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 5]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const s = b.op('ReduceSum', [c, ints(b, 'axes', [0, 2, 3])], { keepdims: 0 }, { name: 'sum', outputs: ['s'] });
    b.op('MatMul', [s, weight(b, 'fc', [6, 2], 2)], {}, { name: 'fc', outputs: ['y'] });
    b.output('y', 'float32');
    const g = groupWith(groupsOf(b.toModel({ opset: 13 })), 'c:1');
    expect(memberSizes(g)).toEqual({ 'c:1': 6, 's:0': 6 });
    expect(paramSlices(g)).toEqual(['fc@0', 'w1@0']);
  });

  it('block a reduced channel axis, and ArgMax along it', () => {
    const mean = around((b, c) => b.op('Sub', [c, b.op('ReduceMean', [c], { axes: [1] }, { name: 'mean', outputs: ['r'] })], {}, { name: 'sub', outputs: ['d'] }), 13);
    expect(reasons(groupWith(mean.analysis, 'c:1'))).toEqual(["ReduceMean at node mean reduces over axis 1 of 'c'"]);
    const arg = around((b, c) => {
      const i = b.op('ArgMax', [c], { axis: 1 }, { name: 'argmax', outputs: ['i'] });
      return b.op('Add', [c, b.op('Cast', [i], { to: 1 }, { name: 'cast', outputs: ['f'] })], {}, { name: 'add', outputs: ['a'] });
    }, 13);
    expect(reasons(groupWith(arg.analysis, 'c:1'))).toEqual(["ArgMax at node argmax reduces over axis 1 of 'c'"]);
  });

  it('treat empty axes with noop_with_empty_axes as identity (opset 18)', () => {
    const { analysis } = around((b, c) => b.op('ReduceMax', [c], { noop_with_empty_axes: 1 }, { name: 'max', outputs: ['r'] }), 18);
    expect(memberSizes(groupWith(analysis, 'c:1'))).toEqual({ 'c:1': 6, 'r:1': 6 });
  });
});
