import { describe, expect, it } from 'vitest';
import { computeCost } from '../../src/cost/cost-model.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { handShapes } from './hand-shapes.ts';

function gemm(a: readonly number[], bDims: readonly number[], attrs: { transA?: number; transB?: number }, withC: boolean): IrModel {
  const b = new GraphBuilder();
  const inputs = [b.input('a', 'float32', a), b.input('b', 'float32', bDims)];
  if (withC) inputs.push(b.input('c', 'float32', [1]));
  b.output(b.op('Gemm', inputs, attrs, { outputs: ['y'] }), 'float32');
  return b.toModel();
}

function matmul(a: readonly number[], bDims: readonly number[]): IrModel {
  const b = new GraphBuilder();
  b.output(b.op('MatMul', [b.input('a', 'float32', a), b.input('b', 'float32', bDims)], {}, { outputs: ['y'] }), 'float32');
  return b.toModel();
}

function firstNode(model: IrModel, a: readonly number[], bDims: readonly number[]) {
  return computeCost(model, handShapes({ a: ['float32', a], b: ['float32', bDims] })).nodes[0];
}

describe('Gemm MACs', () => {
  it('counts M·N·K for A [M,K] × B [K,N]', () => {
    // M = 4, K = 10, N = 6: 4·6·10 = 240.
    expect(firstNode(gemm([4, 10], [10, 6], {}, false), [4, 10], [10, 6])?.macs).toBe(240);
  });

  it('reads M and K from a transposed A', () => {
    // transA: A = [K, M] = [10, 4]; M = 4, K = 10, N = 6: 240.
    expect(firstNode(gemm([10, 4], [10, 6], { transA: 1 }, false), [10, 4], [10, 6])?.macs).toBe(240);
  });

  it('reads N from a transposed B', () => {
    // transB: B = [N, K] = [7, 10]; M = 4, N = 7, K = 10: 280.
    expect(firstNode(gemm([4, 10], [7, 10], { transB: 1 }, false), [4, 10], [7, 10])?.macs).toBe(280);
  });

  it('handles transA and transB together and counts the C add as other ops', () => {
    // A = [K, M] = [3, 5], B = [N, K] = [2, 3]: M = 5, N = 2, K = 3 → 30 MACs; C adds M·N = 10.
    const node = firstNode(gemm([3, 5], [2, 3], { transA: 1, transB: 1 }, true), [3, 5], [2, 3]);
    expect(node).toMatchObject({ macs: 30, otherOps: 10, reason: undefined });
  });
});

describe('MatMul MACs', () => {
  const cases: readonly (readonly [string, readonly number[], readonly number[], number])[] = [
    // [M,K]×[K,N]: 3·4·5 = 60.
    ['2-D', [3, 5], [5, 4], 3 * 4 * 5],
    // batch [2,3], M 4, K 5, N 6: 2·3·4·6·5 = 720.
    ['batched × 2-D', [2, 3, 4, 5], [5, 6], 720],
    // batch dims [3,1] and [2] broadcast to [3,2]: 6·4·7·5 = 840.
    ['broadcast batch', [3, 1, 4, 5], [2, 5, 7], 840],
    // 2-D A broadcast against batched B [8,5,2]: 8·3·2·5 = 240.
    ['2-D × batched', [3, 5], [8, 5, 2], 240],
    // 1-D A [K] is [1,K]: 1·7·5 = 35.
    ['vector × matrix', [5], [5, 7], 35],
    // 1-D B [K] is [K,1]: 4·1·5 = 20.
    ['matrix × vector', [4, 5], [5], 20],
    // dot product: 5.
    ['vector · vector', [5], [5], 5],
  ];
  for (const [name, a, b, expected] of cases) {
    it(`counts ${name}`, () => {
      expect(firstNode(matmul(a, b), a, b)?.macs).toBe(expected);
    });
  }

  it('refuses batch dims that do not broadcast', () => {
    const node = firstNode(matmul([3, 4, 5], [2, 5, 6]), [3, 4, 5], [2, 5, 6]);
    expect(node?.macs).toBeUndefined();
    expect(node?.reason).toMatch(/do not broadcast/);
  });
});
