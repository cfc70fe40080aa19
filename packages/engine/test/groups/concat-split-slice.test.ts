import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { seededInput } from '../helpers/run-model.ts';
import { cover, floats, groupsOf, groupWith, inSomeGroup, ints, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Concat, Split, Slice and Gather: pieces of one tensor placed in another with offsets. */

const feeds = { x: seededInput([1, 3, 4, 4], 6) };

describe('Concat', () => {
  function dense(constant = false) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const a = b.op('Conv', [x, weight(b, 'wa', [4, 3, 1, 1], 1), weight(b, 'ba', [4], 2)], {}, { name: 'conv_a', outputs: ['a'] });
    const c = b.op('Conv', [a, weight(b, 'wb', [6, 4, 3, 3], 3)], { pads: [1, 1, 1, 1] }, { name: 'conv_b', outputs: ['b'] });
    const parts = constant ? [a, c, floats(b, 'k', [1, 2, 4, 4], new Array<number>(32).fill(0.5))] : [a, c];
    const cat = b.op('Concat', parts, { axis: 1 }, { name: 'concat', outputs: ['cat'] });
    b.op('Conv', [cat, weight(b, 'w3', [2, constant ? 12 : 10, 1, 1], 4)], {}, { name: 'conv3', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel();
    return { model, analysis: groupsOf(model) };
  }

  it('forms one group whose channels come from both producers at their offsets', () => {
    const g = groupWith(dense().analysis, 'cat:1');
    expect(g.sources.map((d) => d.value)).toEqual(['a', 'b']);
    expect(memberSizes(g)).toEqual({ 'a:1': 4, 'cat:1': 10, 'b:1': 6 });
    expect(paramSlices(g)).toEqual(['ba@0', 'w3@1', 'wa@0', 'wb@0', 'wb@1']);
    expect(g.channels).toHaveLength(10);
    expect(cover(g, 1)).toEqual({ 'a:1': [1], 'cat:1': [1] });
    expect(cover(g, 4)).toEqual({ 'cat:1': [4], 'b:1': [0] });
  });

  it('hard prunes channels of both producers like zeroing (onnxruntime)', async () => {
    const { model, analysis } = dense();
    await expectHardEqualsSoft(model, groupWith(analysis, 'cat:1'), [0, 2, 5, 9], feeds);
  });

  it('blocks the axis when a constant is concatenated onto it', () => {
    expect(reasons(groupWith(dense(true).analysis, 'cat:1'))).toEqual(["Concat at node concat places constant 'k' on axis 1 of 'cat'; its entries cannot be removed"]);
  });
});

describe('Split', () => {
  function split(opset: number, how: 'sizes' | 'equal') {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1), weight(b, 'b1', [8], 2)], {}, { name: 'conv1', outputs: ['c'] });
    const sizes = how === 'equal' ? [4, 4] : [3, 5];
    const inputs = how === 'sizes' && opset >= 13 ? [c, ints(b, 'split', sizes)] : [c];
    const attrs = how === 'sizes' && opset < 13 ? { axis: 1, split: sizes } : how === 'equal' && opset >= 18 ? { axis: 1, num_outputs: 2 } : { axis: 1 };
    const [p = '', q = ''] = b.opMulti('Split', inputs, attrs, { name: 'split', outputs: ['p', 'q'] });
    const yp = b.op('Conv', [p, weight(b, 'wp', [2, sizes[0] ?? 0, 1, 1], 3)], {}, { name: 'conv_p', outputs: ['yp'] });
    const yq = b.op('Conv', [q, weight(b, 'wq', [2, sizes[1] ?? 0, 1, 1], 4)], {}, { name: 'conv_q', outputs: ['yq'] });
    b.op('Add', [yp, yq], {}, { name: 'add', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel({ opset });
    return { model, analysis: groupsOf(model) };
  }

  it('couples each output with its slice of the input', () => {
    const g = groupWith(split(13, 'sizes').analysis, 'c:1');
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 'p:1': 3, 'q:1': 5 });
    expect(paramSlices(g)).toEqual(['b1@0', 'w1@0', 'wp@1', 'wq@1']);
    expect(cover(g, 4)).toEqual({ 'c:1': [4], 'q:1': [1] });
  });

  it.each([
    [11, 'sizes'],
    [13, 'sizes'],
    [11, 'equal'],
    [13, 'equal'],
    [18, 'equal'],
  ] as const)('rewrites the split sizes at opset %i (%s) so hard pruning equals zeroing (onnxruntime)', async (opset, how) => {
    const { model, analysis } = split(opset, how);
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [1, 2], feeds);
  });

  it('blocks a Split whose sizes are computed at run time', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const sizes = b.op('Cast', [ints(b, 'raw', [4, 4])], { to: 7 }, { name: 'cast', outputs: ['sizes'] });
    const [p = '', q = ''] = b.opMulti('Split', [c, sizes], { axis: 1 }, { name: 'split', outputs: ['p', 'q'] });
    b.op('Add', [p, q], {}, { name: 'add', outputs: ['y'] });
    b.output('y', 'float32');
    expect(reasons(groupWith(groupsOf(b.toModel({ opset: 13 })), 'c:1'))).toEqual(['Split sizes of node split are computed at run time']);
  });
});

describe('Slice', () => {
  interface Bounds {
    readonly starts: readonly number[];
    readonly ends: readonly number[];
    readonly axes: readonly number[];
    readonly steps?: readonly number[];
  }

  function slice(opset: number, bounds: Bounds, inC: number) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1), weight(b, 'b1', [8], 2)], {}, { name: 'conv1', outputs: ['c'] });
    const s =
      opset < 10
        ? b.op('Slice', [c], { starts: bounds.starts, ends: bounds.ends, axes: bounds.axes }, { name: 'slice', outputs: ['s'] })
        : b.op(
            'Slice',
            [c, ints(b, 'starts', bounds.starts), ints(b, 'ends', bounds.ends), ints(b, 'axes', bounds.axes), ...(bounds.steps ? [ints(b, 'steps', bounds.steps)] : [])],
            {},
            { name: 'slice', outputs: ['s'] },
          );
    b.op('Conv', [s, weight(b, 'w2', [2, inC, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel({ opset });
    return { model, analysis: groupsOf(model) };
  }

  it('maps the sliced channels into the input at offset(start); the rest are members without a consumer', () => {
    const g = groupWith(slice(13, { starts: [2], ends: [7], axes: [1] }, 5).analysis, 'c:1');
    expect(memberSizes(g)).toEqual({ 's:1': 5, 'c:1': 8 });
    expect(g.channels).toHaveLength(8);
    expect(cover(g, 0)).toEqual({ 'c:1': [0] });
    expect(cover(g, 2)).toEqual({ 'c:1': [2], 's:1': [0] });
    expect(paramSlices(g)).toEqual(['b1@0', 'w1@0', 'w2@1']);
  });

  it.each<[string, number, Bounds & { readonly starts: readonly [number]; readonly ends: readonly [number] }]>([
    ['attribute bounds (opset 9)', 9, { starts: [2], ends: [7], axes: [1] }],
    ['input bounds (opset 13)', 13, { starts: [2], ends: [7], axes: [1] }],
    ['negative bounds and axis', 13, { starts: [-6], ends: [-1], axes: [-3] }],
    ['an end past the size', 13, { starts: [3], ends: [1 << 30], axes: [1], steps: [1] }],
  ])('rewrites %s so hard pruning equals zeroing (onnxruntime)', async (_what, opset, bounds) => {
    const [start] = bounds.starts;
    const [end] = bounds.ends;
    const size = Math.min(8, end < 0 ? 8 + end : end) - (start < 0 ? 8 + start : start);
    const { model, analysis } = slice(opset, bounds, size);
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [0, 3, 4], feeds);
  });

  it('blocks a step other than 1 on the sliced axis', () => {
    const { analysis } = slice(13, { starts: [0], ends: [8], axes: [1], steps: [2] }, 4);
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual(["Slice at node slice slices axis 1 of 'c' with step 2"]);
  });

  it('passes the channels through a spatial slice', () => {
    const g = groupWith(slice(13, { starts: [1], ends: [3], axes: [2] }, 8).analysis, 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 's:1': 8 });
  });
});

describe('Gather', () => {
  function gather(axis: number, inC: number) {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const g = b.op('Gather', [c, ints(b, 'idx', [0, 2, 3])], { axis }, { name: 'gather', outputs: ['g'] });
    b.op('Conv', [g, weight(b, 'w2', [2, inC, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
    b.output('y', 'float32');
    return groupsOf(b.toModel());
  }

  it('passes the axes it does not gather along', () => {
    const g = groupWith(gather(2, 8), 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 'g:1': 8 });
  });

  it('blocks the gathered axis', () => {
    const analysis = gather(1, 3);
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual(["Gather at node gather reads axis 1 of 'c' at the indices 'idx'"]);
    expect(inSomeGroup(analysis, 'g:1')).toBe(false);
  });
});
