import { describe, expect, it } from 'vitest';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { floats, groupsOf, groupWith, reasons, weight } from './group-helpers.ts';

/** The reasons users see when a group cannot be pruned: each names what, where and why. */

/** x [1, 3, 4, 4] → conv1 (c: 6 channels) → `body`; conv2 reads c too, so the group exists either way. */
function around(body: (b: GraphBuilder, c: string) => void, options: { opset?: number; extra?: { domain: string; version: number }[] } = {}) {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 3, 4, 4]);
  const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
  b.op('Conv', [c, weight(b, 'w2', [2, 6, 1, 1], 2)], {}, { name: 'conv2', outputs: ['y'] });
  b.output('y', 'float32');
  body(b, c);
  return groupWith(groupsOf(b.toModel({ opset: options.opset ?? 17, extraOpsets: options.extra ?? [] })), 'c:1');
}

describe('block reasons', () => {
  it('an op without a pruning rule, in a custom domain or the default one', () => {
    const custom = around(
      (b, c) => {
        b.op('Foo', [c], {}, { name: 'foo', domain: 'com.example', outputs: ['f'] });
        b.output('f', 'float32');
      },
      { extra: [{ domain: 'com.example', version: 1 }] },
    );
    expect(reasons(custom)).toEqual(['unknown op Foo (com.example v1) at node foo has no pruning rule']);
    const einsum = around((b, c) => {
      b.op('Einsum', [c], { equation: 'nchw->nc' }, { name: 'einsum', outputs: ['e'] });
      b.output('e', 'float32');
    });
    expect(reasons(einsum)).toEqual(['unknown op Einsum (ai.onnx v17) at node einsum has no pruning rule']);
  });

  it('a graph output', () => {
    const g = around((b, c) => {
      b.output(c, 'float32');
    });
    expect(reasons(g)).toEqual(["'c' is a graph output: the model's interface does not change"]);
  });

  it('a LayerNormalization over the features', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 5, 16]);
    const h = b.op('MatMul', [x, weight(b, 'w1', [16, 8], 1)], {}, { name: 'fc1', outputs: ['h'] });
    const n = b.op('LayerNormalization', [h, floats(b, 'g', [8], new Array<number>(8).fill(1)), floats(b, 'beta', [8], new Array<number>(8).fill(0))], { axis: -1, epsilon: float(1e-5) }, { name: '/ln/LayerNormalization', outputs: ['n'] });
    b.op('MatMul', [n, weight(b, 'w2', [8, 4], 2)], {}, { name: 'fc2', outputs: ['y'] });
    b.output('y', 'float32');
    const g = groupWith(groupsOf(b.toModel()), 'h:2');
    expect(reasons(g)).toEqual(['LayerNormalization normalizes over this axis; pruning it changes every output (at node /ln/LayerNormalization)']);
    expect(g.blocks.map((k) => `${k.dim.value}:${String(k.dim.axis)}`)).toEqual(['n:2']);
  });

  it('a symbolic size', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 4, 4]);
    const extra = b.input('extra', 'float32', [1, 'C', 4, 4]);
    const c = b.op('Conv', [x, weight(b, 'w1', [6, 3, 1, 1], 1)], {}, { name: 'conv1', outputs: ['c'] });
    const cat = b.op('Concat', [c, extra], { axis: 1 }, { name: 'concat', outputs: ['cat'] });
    b.op('ReduceSum', [cat], { axes: [1], keepdims: 0 }, { name: 'sum', outputs: ['y'] });
    b.output('y', 'float32');
    const g = groupWith(groupsOf(b.toModel({ opset: 11 })), 'c:1');
    expect(reasons(g)).toContain('the size of cat:1 is symbolic (C+6)');
    expect(reasons(g)).toContain("'extra' is a graph input: the model's interface does not change");
  });

  it('a conv weight computed at run time', () => {
    const g = around((b, c) => {
      const w = b.op('Mul', [weight(b, 'w3raw', [2, 6, 1, 1], 3), floats(b, 'two', [], [2])], {}, { name: 'scale_w', outputs: ['w3'] });
      b.op('Conv', [c, w], {}, { name: 'conv3', outputs: ['z'] });
      b.output('z', 'float32');
    });
    expect(reasons(g)).toEqual(["Conv at node conv3: weight 'w3' is computed at run time, not a constant"]);
  });

  it('a value read inside a subgraph', () => {
    const g = around((b, c) => {
      const body = new GraphBuilder();
      body.output(body.op('Identity', [], {}, { name: 'inner', outputs: ['inner_out'] }), 'float32');
      const graph = body.toGraph('then');
      const uses: typeof graph = { ...graph, nodes: graph.nodes.map((n) => ({ ...n, inputs: [c] })) };
      b.op('If', [b.input('cond', 'bool', [])], { then_branch: uses, else_branch: uses }, { name: 'if', outputs: ['o'] });
      b.output('o', 'float32');
    });
    expect(reasons(g)).toContain("'c' is read inside an If/Loop/Scan body, which pruning does not enter");
  });
});
