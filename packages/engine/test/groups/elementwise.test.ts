import { describe, expect, it } from 'vitest';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { seededInput } from '../helpers/run-model.ts';
import { cover, floats, groupsOf, groupWith, inSomeGroup, iota, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Elementwise ops: residual Adds, squeeze-excitation gates, per-channel constants, quantization. */

describe('residual Add', () => {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 5, 5]);
  const a = b.op('Relu', [b.op('Conv', [x, weight(b, 'w1', [4, 3, 1, 1], 1), weight(b, 'b1', [4], 2)], {}, { name: 'conv1', outputs: ['c1'] })], {}, { name: 'relu1', outputs: ['a'] });
  const f = b.op('Relu', [b.op('Conv', [a, weight(b, 'wf', [5, 4, 3, 3], 3)], { pads: [1, 1, 1, 1] }, { name: 'convf', outputs: ['cf'] })], {}, { name: 'reluf', outputs: ['f'] });
  const g = b.op('Conv', [f, weight(b, 'wg', [4, 5, 3, 3], 4), weight(b, 'bg', [4], 5)], { pads: [1, 1, 1, 1] }, { name: 'convg', outputs: ['g'] });
  const s = b.op('Add', [a, g], {}, { name: 'add', outputs: ['s'] });
  b.op('Conv', [s, weight(b, 'w3', [2, 4, 1, 1], 6)], {}, { name: 'conv3', outputs: ['y'] });
  b.output('y', 'float32');
  const model = b.toModel();
  const analysis = groupsOf(model);

  it('couples the skip, the branch output and the sum in one group with two sources', () => {
    const group = groupWith(analysis, 's:1');
    expect(group.sources.map((d) => `${d.value}:${String(d.axis)}`)).toEqual(['c1:1', 'g:1']);
    expect(memberSizes(group)).toEqual({ 'c1:1': 4, 'a:1': 4, 'g:1': 4, 's:1': 4 });
    expect(paramSlices(group)).toEqual(['b1@0', 'bg@0', 'w1@0', 'w3@1', 'wf@1', 'wg@0']);
    expect(cover(group, 2)).toEqual({ 'c1:1': [2], 'a:1': [2], 'g:1': [2], 's:1': [2] });
  });

  it('keeps the branch hidden channels a separate group', () => {
    expect(paramSlices(groupWith(analysis, 'cf:1'))).toEqual(['wf@0', 'wg@1']);
  });

  it('hard prunes both branches like zeroing them (onnxruntime)', async () => {
    await expectHardEqualsSoft(model, groupWith(analysis, 's:1'), [0, 3], { x: seededInput([1, 3, 5, 5], 3) });
  });
});

describe('squeeze-excitation', () => {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 6, 6]);
  const e = b.op('Conv', [x, weight(b, 'we', [8, 3, 1, 1], 1), weight(b, 'be', [8], 2)], {}, { name: 'expand', outputs: ['e'] });
  const p = b.op('GlobalAveragePool', [e], {}, { name: 'gap', outputs: ['p'] });
  const h = b.op('Relu', [b.op('Conv', [p, weight(b, 'w_fc1', [2, 8, 1, 1], 3), weight(b, 'b_fc1', [2], 4)], {}, { name: 'fc1', outputs: ['h0'] })], {}, { name: 'relu', outputs: ['h'] });
  const gate = b.op('HardSigmoid', [b.op('Conv', [h, weight(b, 'w_fc2', [8, 2, 1, 1], 5), weight(b, 'b_fc2', [8], 6)], {}, { name: 'fc2', outputs: ['g0'] })], { alpha: float(0.2), beta: float(0.5) }, { name: 'gate', outputs: ['gate'] });
  const m = b.op('Mul', [e, gate], {}, { name: 'mul', outputs: ['m'] });
  b.op('Conv', [m, weight(b, 'wp', [3, 8, 1, 1], 7)], {}, { name: 'project', outputs: ['y'] });
  b.output('y', 'float32');
  const model = b.toModel();
  const analysis = groupsOf(model);

  it('makes the SE hidden dim its own group', () => {
    const hidden = groupWith(analysis, 'h0:1');
    expect(hidden.root).toBe('fc1');
    expect(memberSizes(hidden)).toEqual({ 'h0:1': 2, 'h:1': 2 });
    expect(paramSlices(hidden)).toEqual(['b_fc1@0', 'w_fc1@0', 'w_fc2@1']);
  });

  it('couples the SE output gate with the main channels it scales', () => {
    const main = groupWith(analysis, 'e:1');
    expect(main.sources.map((d) => d.value)).toEqual(['e', 'g0']);
    expect(memberSizes(main)).toEqual({ 'e:1': 8, 'p:1': 8, 'g0:1': 8, 'gate:1': 8, 'm:1': 8 });
    expect(paramSlices(main)).toEqual(['b_fc2@0', 'be@0', 'w_fc1@1', 'w_fc2@0', 'we@0', 'wp@1']);
  });

  it('hard prunes the SE hidden dim and the gated channels like zeroing them (onnxruntime)', async () => {
    await expectHardEqualsSoft(model, groupWith(analysis, 'h0:1'), [1], { x: seededInput([1, 3, 6, 6], 2) });
    await expectHardEqualsSoft(model, groupWith(analysis, 'e:1'), [0, 5, 6], { x: seededInput([1, 3, 6, 6], 2) });
  });
});

describe('per-channel constants', () => {
  function withConstant(dims: readonly number[], op = 'Mul') {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const k = floats(b, 'k', dims, iota(dims.reduce((p, q) => p * q, 1)));
    const m = b.op(op, [c, k], {}, { name: 'scale', outputs: ['m'] });
    b.op('Conv', [m, weight(b, 'w2', [2, 6, 1, 1], 2)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    return groupWith(groupsOf(b.toModel()), 'c:1');
  }

  it('slices a [C, 1, 1] scale on its axis 0 and a [1, C, 1, 1] bias on its axis 1', () => {
    expect(paramSlices(withConstant([6, 1, 1]))).toEqual(['k@0', 'w1@0', 'w2@1']);
    expect(paramSlices(withConstant([1, 6, 1, 1], 'Add'))).toEqual(['k@1', 'w1@0', 'w2@1']);
  });

  it('leaves a scalar constant alone', () => {
    expect(paramSlices(withConstant([]))).toEqual(['w1@0', 'w2@1']);
  });

  it('slices a PRelu slope per channel', () => {
    expect(paramSlices(withConstant([6, 1, 1], 'PRelu'))).toEqual(['k@0', 'w1@0', 'w2@1']);
  });
});

describe('quantization and casts', () => {
  function chain(build: (b: GraphBuilder, c: string) => string, opset = 13) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    b.op('Conv', [build(b, c), weight(b, 'w2', [2, 6, 1, 1], 2)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    return groupsOf(b.toModel({ opset }));
  }

  it('passes per-tensor QuantizeLinear → DequantizeLinear through', () => {
    const analysis = chain((b, c) => {
      const s = floats(b, 's', [], [0.05]);
      const zp = b.initializer('zp', 'uint8', [], Uint8Array.of(128));
      return b.op('DequantizeLinear', [b.op('QuantizeLinear', [c, s, zp], {}, { name: 'q', outputs: ['q'] }), s, zp], {}, { name: 'dq', outputs: ['dq'] });
    });
    const g = groupWith(analysis, 'c:1');
    expect(memberSizes(g)).toEqual({ 'c:1': 6, 'q:1': 6, 'dq:1': 6 });
    expect(paramSlices(g)).toEqual(['w1@0', 'w2@1']);
  });

  it('slices a per-channel DequantizeLinear scale on the channel axis', () => {
    const analysis = chain((b, c) => {
      const s = floats(b, 's', [6], iota(6).map((i) => 0.01 * (i + 1)));
      const zp = b.initializer('zp', 'int8', [6], new Int8Array(6));
      const q = b.op('QuantizeLinear', [c, s, zp], { axis: 1 }, { name: 'q', outputs: ['q'] });
      return b.op('DequantizeLinear', [q, s, zp], { axis: 1 }, { name: 'dq', outputs: ['dq'] });
    });
    expect(paramSlices(groupWith(analysis, 'c:1'))).toEqual(['s@0', 's@0', 'w1@0', 'w2@1', 'zp@0', 'zp@0']);
  });

  it('passes Cast and CastLike through', () => {
    const analysis = chain((b, c) => {
      const like = floats(b, 'like', [], [0]);
      return b.op('CastLike', [b.op('Cast', [c], { to: 1 }, { name: 'cast', outputs: ['k'] }), like], {}, { name: 'castlike', outputs: ['l'] });
    }, 15);
    expect(memberSizes(groupWith(analysis, 'c:1'))).toEqual({ 'c:1': 6, 'k:1': 6, 'l:1': 6 });
    expect(inSomeGroup(analysis, 'like:0')).toBe(false);
  });
});

describe('channel statistics', () => {
  it('blocks channels that are summed into a gate broadcast back over them', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const s = b.op('ReduceSum', [c], { axes: [1], keepdims: 1 }, { name: 'sum', outputs: ['s'] });
    const m = b.op('Mul', [c, s], {}, { name: 'mul', outputs: ['m'] });
    b.op('Conv', [m, weight(b, 'w2', [2, 6, 1, 1], 2)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    expect(reasons(groupWith(groupsOf(b.toModel({ opset: 11 })), 'c:1'))).toEqual(["ReduceSum at node sum reduces over axis 1 of 'c'"]);
  });
});
