import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { Dim } from '../../src/ir/types.ts';
import { factorize } from '../../src/groups/handlers/tensor-shape.ts';
import { seededInput } from '../helpers/run-model.ts';
import { cover, groupsOf, groupWith, inSomeGroup, ints, iota, memberSizes, paramSlices, reasons, weight } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/** Flatten, Reshape, Transpose, Squeeze/Unsqueeze, Expand, Tile and Shape. */

/** x [1, 3, 4, 4] → conv1 (c: 8 channels) → `body` → conv2 reading `inC` channels. */
function around(body: (b: GraphBuilder, c: string) => string, inC = 8, opset = 17) {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 4, 4]);
  const c = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1), weight(b, 'b1', [8], 2)], {}, { name: 'conv1', outputs: ['c'] });
  b.op('Conv', [body(b, c), weight(b, 'w2', [2, inC, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32');
  const model = b.toModel({ opset });
  return { model, analysis: groupsOf(model) };
}

const feeds = { x: seededInput([1, 3, 4, 4], 4) };

describe('factorize', () => {
  const runs = (a: readonly Dim[], b: readonly Dim[]) => factorize(a, b);
  it('matches one to one, splits, merges and skips size-1 axes', () => {
    expect(runs([2, 32], [2, 4, 8]).runs).toEqual([{ ins: [0], outs: [0] }, { ins: [1], outs: [1, 2] }]);
    expect(runs(['B', 'S', 4, 8], ['B', 'S', 32]).runs).toEqual([
      { ins: [0], outs: [0] },
      { ins: [1], outs: [1] },
      { ins: [2, 3], outs: [2] },
    ]);
    expect(runs(['N', 6, 1, 1], ['N', 6]).runs).toEqual([{ ins: [0], outs: [0] }, { ins: [1], outs: [1] }]);
    expect(runs([6, 4], [4, 6]).runs).toEqual([{ ins: [0, 1], outs: [0, 1] }]);
  });

  it('matches symbolic products such as H·W', () => {
    expect(runs(['N', 6, 'H', 'W'], ['N', 6, 'H*W']).runs).toEqual([
      { ins: [0], outs: [0] },
      { ins: [1], outs: [1] },
      { ins: [2, 3], outs: [2] },
    ]);
  });

  it('reports what it cannot match', () => {
    expect(runs([6, 'H'], [6, 'K']).unmatched).toEqual({ ins: [1], outs: [1] });
  });
});

describe('Flatten into a classifier', () => {
  function head(kind: 'Gemm' | 'MatMul') {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3, 3, 3]);
    const c = b.op('Conv', [x, weight(b, 'w1', [4, 3, 1, 1], 1), weight(b, 'b1', [4], 2)], {}, { name: 'conv1', outputs: ['c'] });
    const f = b.op('Flatten', [c], { axis: 1 }, { name: 'flatten', outputs: ['f'] });
    if (kind === 'Gemm') b.op('Gemm', [f, weight(b, 'fc', [10, 36], 3), weight(b, 'fcb', [10], 4)], { transB: 1 }, { name: 'fc', outputs: ['y'] });
    else b.op('MatMul', [f, weight(b, 'fc', [36, 10], 3)], {}, { name: 'fc', outputs: ['y'] });
    b.output('y', 'float32');
    const model = b.toModel();
    return { model, analysis: groupsOf(model) };
  }

  it('gives each conv channel H·W = 9 columns of the Gemm weight', () => {
    const g = groupWith(head('Gemm').analysis, 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 4, 'f:1': 36 });
    expect(paramSlices(g)).toEqual(['b1@0', 'fc@1', 'w1@0']);
    expect(g.channels).toHaveLength(4);
    expect(cover(g, 2)).toEqual({ 'c:1': [2], 'f:1': iota(9, 18) });
  });

  it('gives each conv channel 9 rows of a MatMul weight', () => {
    expect(paramSlices(groupWith(head('MatMul').analysis, 'c:1'))).toEqual(['b1@0', 'fc@0', 'w1@0']);
  });

  it('hard prunes through Flatten → Gemm like zeroing (onnxruntime)', async () => {
    const { model, analysis } = head('Gemm');
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [1, 3], { x: seededInput([2, 3, 3, 3], 8) });
  });
});

describe('Reshape', () => {
  const splitMerge = () =>
    around((b, c) => {
      const split = b.op('Reshape', [c, ints(b, 'split_shape', [0, 2, 4, 16])], {}, { name: 'split', outputs: ['s'] });
      const r = b.op('Relu', [split], {}, { name: 'relu', outputs: ['r'] });
      return b.op('Reshape', [r, ints(b, 'merge_shape', [1, 8, 4, 4])], {}, { name: 'merge', outputs: ['m'] });
    });

  it('couples a split C → (2, 4) with its outer axis and a merge back through expand(4)', () => {
    const { analysis } = splitMerge();
    const g = groupWith(analysis, 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 's:1': 2, 'r:1': 2, 'm:1': 8 });
    expect(g.channels).toHaveLength(2);
    expect(cover(g, 1)).toEqual({ 'c:1': [4, 5, 6, 7], 's:1': [1], 'r:1': [1], 'm:1': [4, 5, 6, 7] });
    expect(paramSlices(g)).toEqual(['b1@0', 'w1@0', 'w2@1']);
    expect(inSomeGroup(analysis, 's:2')).toBe(false);
  });

  it('rewrites the literal targets so hard pruning equals zeroing (onnxruntime)', async () => {
    const { model, analysis } = splitMerge();
    await expectHardEqualsSoft(model, groupWith(analysis, 'c:1'), [0], feeds);
  });

  it('merges symbolic spatial axes without touching the channels: [N, C, H, W] → [N, C, H·W]', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', ['N', 3, 'H', 'W']);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const r = b.op('Reshape', [c, ints(b, 'shape', [0, 0, -1])], {}, { name: 'reshape', outputs: ['r'] });
    const t = b.op('Transpose', [r], { perm: [0, 2, 1] }, { name: 'transpose', outputs: ['t'] });
    b.op('MatMul', [t, weight(b, 'proj', [6, 5], 2)], {}, { name: 'proj', outputs: ['y'] });
    b.output('y', 'float32');
    const g = groupWith(groupsOf(b.toModel()), 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 6, 'r:1': 6, 't:2': 6 });
    expect(paramSlices(g)).toEqual(['proj@0', 'w1@0']);
  });

  it('blocks a Reshape whose target is computed at run time', () => {
    const { analysis } = around((b, c) => {
      const shape = b.op('Shape', [c], {}, { name: 'shape', outputs: ['shape'] });
      const head = b.op('Slice', [shape, ints(b, 'st', [0]), ints(b, 'en', [2])], {}, { name: 'head', outputs: ['head'] });
      const target = b.op('Concat', [head, ints(b, 'rest', [-1])], { axis: 0 }, { name: 'target', outputs: ['target'] });
      const flat = b.op('Reshape', [c, target], {}, { name: 'flat', outputs: ['flat'] });
      return b.op('Reshape', [flat, ints(b, 'back_shape', [1, 8, 4, 4])], {}, { name: 'back', outputs: ['back'] });
    });
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual([
      'Reshape target of node flat is computed at run time; fold it into a constant (onnx-simplifier does) to prune through it',
    ]);
  });

  it('blocks a regrouping that is neither a split nor a merge', () => {
    const { analysis } = around((b, c) => {
      const r = b.op('Reshape', [c, ints(b, 'odd', [1, 4, 8, 4])], {}, { name: 'odd', outputs: ['o'] });
      return b.op('Reshape', [r, ints(b, 'back_shape', [1, 8, 4, 4])], {}, { name: 'back', outputs: ['back'] });
    });
    expect(reasons(groupWith(analysis, 'c:1'))).toContain("Reshape at node odd regroups axes 1, 2 of 'c' into axes 1, 2 of 'o' (not a split or a merge)");
  });
});

describe('Transpose, Squeeze and Unsqueeze', () => {
  it.each([13, 11])('passes the channels through GAP → Squeeze → Unsqueeze → Mul (opset %i)', (opset) => {
    const { analysis } = around(
      (b, c) => {
        const p = b.op('GlobalAveragePool', [c], {}, { name: 'gap', outputs: ['p'] });
        const sq = opset >= 13 ? b.op('Squeeze', [p, ints(b, 'sq_axes', [2, 3])], {}, { name: 'squeeze', outputs: ['sq'] }) : b.op('Squeeze', [p], { axes: [2, 3] }, { name: 'squeeze', outputs: ['sq'] });
        const un = opset >= 13 ? b.op('Unsqueeze', [sq, ints(b, 'un_axes', [-1, -2])], {}, { name: 'unsqueeze', outputs: ['un'] }) : b.op('Unsqueeze', [sq], { axes: [2, 3] }, { name: 'unsqueeze', outputs: ['un'] });
        return b.op('Mul', [c, un], {}, { name: 'mul', outputs: ['m'] });
      },
      8,
      opset,
    );
    const g = groupWith(analysis, 'c:1');
    expect(g.blocks).toEqual([]);
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 'p:1': 8, 'sq:1': 8, 'un:1': 8, 'm:1': 8 });
  });

  it('maps output axis j of a Transpose to input axis perm[j] and back', async () => {
    const { model, analysis } = around((b, c) => {
      const t = b.op('Transpose', [c], { perm: [0, 2, 3, 1] }, { name: 't1', outputs: ['t'] });
      return b.op('Transpose', [t], { perm: [0, 3, 1, 2] }, { name: 't2', outputs: ['u'] });
    });
    const g = groupWith(analysis, 'c:1');
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 't:3': 8, 'u:1': 8 });
    await expectHardEqualsSoft(model, g, [7], feeds);
  });

  it('squeezes every size-1 axis when Squeeze has no axes', () => {
    const { analysis } = around((b, c) => {
      const p = b.op('GlobalAveragePool', [c], {}, { name: 'gap', outputs: ['p'] });
      const sq = b.op('Squeeze', [p], {}, { name: 'squeeze', outputs: ['sq'] });
      const un = b.op('Unsqueeze', [sq, ints(b, 'un_axes', [0, 2, 3])], {}, { name: 'unsqueeze', outputs: ['un'] });
      return b.op('Mul', [c, un], {}, { name: 'mul', outputs: ['m'] });
    });
    expect(memberSizes(groupWith(analysis, 'c:1'))).toEqual({ 'c:1': 8, 'p:1': 8, 'sq:0': 8, 'un:1': 8, 'm:1': 8 });
  });
});

describe('Expand and Tile', () => {
  const gate = (shape: (b: GraphBuilder) => string) =>
    around((b, c) => {
      const p = b.op('GlobalAveragePool', [c], {}, { name: 'gap', outputs: ['p'] });
      const e = b.op('Expand', [p, shape(b)], {}, { name: 'expand', outputs: ['e'] });
      return b.op('Mul', [c, e], {}, { name: 'mul', outputs: ['m'] });
    });

  it('couples the axes Expand keeps and rewrites their shape entries (onnxruntime)', async () => {
    const { model, analysis } = gate((b) => ints(b, 'to', [1, 8, 4, 4]));
    const g = groupWith(analysis, 'c:1');
    expect(memberSizes(g)).toEqual({ 'c:1': 8, 'p:1': 8, 'e:1': 8, 'm:1': 8 });
    await expectHardEqualsSoft(model, g, [2, 5], feeds);
  });

  it('blocks an Expand whose shape is computed at run time', () => {
    const { analysis } = gate((b) => b.op('Shape', [b.input('like', 'float32', [1, 8, 4, 4])], {}, { name: 'shape', outputs: ['to'] }));
    expect(reasons(groupWith(analysis, 'c:1'))).toEqual(['Expand shape of node expand is computed at run time; fold it into a constant to prune through it']);
  });

  it('passes unrepeated Tile axes and blocks a repeated channel axis', () => {
    const spatial = around((b, c) => b.op('Tile', [c, ints(b, 'reps', [1, 1, 2, 2])], {}, { name: 'tile', outputs: ['t'] }));
    expect(groupWith(spatial.analysis, 'c:1').blocks).toEqual([]);
    const channels = around((b, c) => b.op('Tile', [c, ints(b, 'reps', [1, 2, 1, 1])], {}, { name: 'tile', outputs: ['t'] }), 16);
    expect(reasons(groupWith(channels.analysis, 'c:1'))).toEqual(["Tile at node tile repeats axis 1 of 'c' (8 → 16)"]);
  });
});

describe('Shape and Size', () => {
  it('read sizes without coupling or blocking anything', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [8, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    b.op('Shape', [c], {}, { name: 'shape', outputs: ['s'] });
    b.op('Size', [c], {}, { name: 'size', outputs: ['n'] });
    b.op('Conv', [c, weight(b, 'w2', [2, 8, 1, 1], 3)], {}, { name: 'conv2', outputs: ['y'] });
    for (const o of ['y', 's', 'n']) b.output(o, o === 'y' ? 'float32' : 'int64');
    const g = groupWith(groupsOf(b.toModel()), 'c:1');
    expect(g.blocks).toEqual([]);
    expect(g.nodes).toEqual(['conv1', 'conv2']);
  });
});
