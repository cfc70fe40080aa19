import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { nodeScope, parentScope, scopeChain } from '../../src/cost/scope.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { handShapes } from './hand-shapes.ts';

describe('nodeScope', () => {
  it('takes every segment but the last as the scope', () => {
    expect(nodeScope('/layer1/0/conv1/Conv')).toBe('/layer1/0/conv1');
    expect(nodeScope('model/dense/MatMul')).toBe('/model/dense');
  });

  it('puts unscoped and unnamed nodes in the root', () => {
    expect(nodeScope('/Conv')).toBe('/');
    expect(nodeScope('Conv_0')).toBe('/');
    expect(nodeScope('')).toBe('/');
  });

  it('lists the chain from the root and the parent', () => {
    expect(scopeChain('/layer1/0')).toEqual(['/', '/layer1', '/layer1/0']);
    expect(parentScope('/layer1/0')).toBe('/layer1');
    expect(parentScope('/')).toBeUndefined();
  });
});

describe('per-scope aggregation', () => {
  // Two PyTorch-style blocks plus an unscoped head, all on concrete shapes.
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [1, 4]);
  const w1 = b.initializer('w1', 'float32', [4, 4], new Float32Array(16));
  const w2 = b.initializer('w2', 'float32', [4, 4], new Float32Array(16));
  const w3 = b.initializer('w3', 'float32', [4, 2], new Float32Array(8));
  const h1 = b.op('MatMul', [x, w1], {}, { name: '/layer1/0/fc/MatMul', outputs: ['h1'] });
  const r1 = b.op('Relu', [h1], {}, { name: '/layer1/0/act/Relu', outputs: ['r1'] });
  const h2 = b.op('MatMul', [r1, w2], {}, { name: '/layer1/1/fc/MatMul', outputs: ['h2'] });
  const y = b.op('MatMul', [h2, w3], {}, { name: 'head', outputs: ['y'] });
  b.output(y, 'float32');
  const shapes = handShapes({
    x: ['float32', [1, 4]], w1: ['float32', [4, 4]], w2: ['float32', [4, 4]], w3: ['float32', [4, 2]],
    h1: ['float32', [1, 4]], r1: ['float32', [1, 4]], h2: ['float32', [1, 4]], y: ['float32', [1, 2]],
  });
  const cost = computeCost(b.toModel(), shapes);
  const scope = (path: string) => cost.scopes.find((s) => s.path === path);

  it('builds every ancestor scope, parents first', () => {
    expect(cost.scopes.map((s) => [s.path, s.parent])).toEqual([
      ['/', undefined],
      ['/layer1', '/'],
      ['/layer1/0', '/layer1'],
      ['/layer1/0/fc', '/layer1/0'],
      ['/layer1/0/act', '/layer1/0'],
      ['/layer1/1', '/layer1'],
      ['/layer1/1/fc', '/layer1/1'],
    ]);
  });

  it('sums MACs, params and node counts over descendants', () => {
    // MatMuls: 1·4·4 = 16, 16 and 1·2·4 = 8 MACs; Relu: 4 other ops.
    expect(scope('/layer1/0')).toMatchObject({ nodeCount: 2, params: 16, macs: { total: 16 }, otherOps: { total: 4 } });
    expect(scope('/layer1')).toMatchObject({ nodeCount: 3, params: 32, macs: { total: 32, known: 32, unknownNodes: 0 } });
    expect(scope('/')).toMatchObject({ nodeCount: 4, params: 40, macs: { total: 40 }, nodeIndices: [3] });
    expect(cost.macs).toEqual({ total: 40, known: 40, unknownNodes: 0 });
  });

  it('puts nodes of a Paddle-style graph (empty names) in the root scope', () => {
    const p = new GraphBuilder();
    const px = p.input('x', 'float32', [1, 2]);
    p.output(p.op('Relu', [px], {}, { name: '', outputs: ['r'] }), 'float32');
    const pc = computeCost(p.toModel(), handShapes({}));
    expect(pc.scopes).toHaveLength(1);
    expect(pc.scopes[0]).toMatchObject({ path: '/', nodeIndices: [0], nodeCount: 1 });
    expect(pc.nodes[0]?.label).toBe('Relu→r');
  });

  it('makes a scope total unknown when one of its nodes is unknown, keeping the known part', () => {
    const partial = computeCost(b.toModel(), handShapes({ x: ['float32', [1, 4]], w1: ['float32', [4, 4]], h1: ['float32', [1, 4]] }));
    const layer1 = partial.scopes.find((s) => s.path === '/layer1');
    expect(layer1?.macs).toEqual({ total: undefined, known: 16, unknownNodes: 1 });
    expect(partial.macs).toEqual({ total: undefined, known: 16, unknownNodes: 2 });
  });
});
