import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { handShapes } from './hand-shapes.ts';

describe('parameter counting', () => {
  it('counts initializers and Constant-node tensors alike', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 3, 8, 8]);
    // Conv weight [4,3,3,3] = 108 and bias [4] = 4 as initializers; a [4,1,1] scale as a Constant node (Paddle style).
    const w = b.initializer('w', 'float32', [4, 3, 3, 3], new Float32Array(108));
    const bias = b.initializer('bias', 'float32', [4], new Float32Array(4));
    const conv = b.op('Conv', [x, w, bias], {}, { name: 'conv' });
    const scale = b.constant('scale', 'float32', [4, 1, 1], new Float32Array(4));
    b.output(b.op('Mul', [conv, scale], {}, { name: 'mul' }), 'float32');
    const cost = computeCost(b.toModel(), handShapes({}));
    expect(cost.params).toBe(108 + 4 + 4);
    expect(cost.paramBytes).toBe((108 + 4 + 4) * 4);
    expect(cost.paramBytesByDtype).toEqual({ float32: 464 });
    // The Constant node's tensor is attributed to its consumer; the Constant itself shows 0.
    expect(cost.nodes.map((n) => [n.label, n.params])).toEqual([
      ['conv', 112],
      ['constant_0', 0],
      ['mul', 4],
    ]);
  });

  it('does not count int64/int32 shape constants, bools or strings', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 6]);
    const shape = b.constant('shape', 'int64', [2], new BigInt64Array([3n, 4n]));
    const axes = b.initializer('axes', 'int32', [1], new Int32Array([0]));
    const mask = b.initializer('mask', 'bool', [2], new Uint8Array([1, 0]));
    const r = b.op('Reshape', [x, shape]);
    b.output(b.op('Unsqueeze', [r, b.op('Cast', [axes], { to: 7 })]), 'float32');
    b.output(mask, 'bool');
    const cost = computeCost(b.toModel(), handShapes({}));
    expect(cost.params).toBe(0);
    expect(cost.paramBytesByDtype).toEqual({});
  });

  it('counts 8- and 4-bit integer weights and int32 biases read by DequantizeLinear', () => {
    const b = new GraphBuilder();
    // int8 weight [8,4] = 32 elements (32 bytes), int4 [16] packed two per byte (8 bytes), int32 bias [8] (32 bytes).
    const wq = b.initializer('wq', 'int8', [8, 4], new Int8Array(32));
    const ws = b.initializer('ws', 'float32', [], new Float32Array([0.1]));
    const w4 = b.initializer('w4', 'int4', [16], new Uint8Array(8));
    const bq = b.initializer('bq', 'int32', [8], new Int32Array(8));
    const other = b.initializer('other', 'int32', [1], new Int32Array(1));
    b.output(b.op('DequantizeLinear', [wq, ws]), 'float32');
    b.output(b.op('DequantizeLinear', [w4, ws]), 'float32');
    b.output(b.op('DequantizeLinear', [bq, ws]), 'float32');
    b.output(b.op('Cast', [other], { to: 1 }), 'float32');
    const cost = computeCost(b.toModel({ opset: 21 }), handShapes({}));
    expect(cost.paramsByDtype).toEqual({ int8: 32, float32: 1, int4: 16, int32: 8 });
    expect(cost.paramBytesByDtype).toEqual({ int8: 32, float32: 4, int4: 8, int32: 32 });
    expect(cost.params).toBe(32 + 1 + 16 + 8);
  });

  it('counts a weight shared by two nodes once, on its first consumer', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [2, 5]);
    const w = b.initializer('w', 'float32', [5, 5], new Float32Array(25));
    const h = b.op('MatMul', [x, w], {}, { name: 'first' });
    b.output(b.op('MatMul', [h, w], {}, { name: 'second' }), 'float32');
    const cost = computeCost(b.toModel(), handShapes({}));
    expect(cost.params).toBe(25);
    expect(cost.nodes.map((n) => n.params)).toEqual([25, 0]);
  });

  it('counts float16 and value_floats constants', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float16', [3]);
    const c = b.constant('c', 'float16', [3], new Uint16Array(3));
    const f = b.op('Constant', [], { value_floats: [0.5, 1.5] }, { outputs: ['f'] });
    b.output(b.op('Add', [x, c]), 'float16');
    b.output(f, 'float32');
    const cost = computeCost(b.toModel(), handShapes({}));
    expect(cost.paramsByDtype).toEqual({ float16: 3, float32: 2 });
    expect(cost.paramBytesByDtype).toEqual({ float16: 6, float32: 8 });
  });

  it('counts parameters inside subgraphs and attributes them to the owning node', () => {
    const branch = (name: string, n: number) => {
      const g = new GraphBuilder();
      const w = g.initializer(`${name}_w`, 'float32', [n], new Float32Array(n));
      g.output(g.op('Identity', [w], {}, { outputs: [`${name}_out`] }), 'float32');
      return g.toGraph(name);
    };
    const b = new GraphBuilder();
    const cond = b.input('cond', 'bool', []);
    b.output(b.op('If', [cond], { then_branch: branch('then', 6), else_branch: branch('else', 4) }, { name: 'if' }), 'float32');
    const cost = computeCost(b.toModel(), handShapes({}));
    expect(cost.params).toBe(10);
    expect(cost.nodes[0]).toMatchObject({ params: 10, macs: undefined });
    expect(cost.nodes[0]?.reason).toMatch(/subgraphs are not counted/);
  });
});
