import { describe, expect, it } from 'vitest';
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import type { DependencyGroup } from '../../src/groups/types.ts';
import { createImportanceContext } from '../../src/importance/context.ts';
import { bnImportance } from '../../src/importance/bn.ts';
import { l1Importance } from '../../src/importance/l1.ts';
import { l2Importance } from '../../src/importance/l2.ts';
import { IMPORTANCE, PRUNE_CRITERIA } from '../../src/importance/registry.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import { mobilenetFixture } from '../fixtures/index.ts';
import { handGroup, handModel } from './hand-group.ts';

function expectClose(actual: Float64Array, expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, e] of expected.entries()) expect(actual[i], `channel ${String(i)}`).toBeCloseTo(e, 5);
}

describe('l1Importance', () => {
  it('sums |w| over every weight slice of the group: filters, bias, BN scale and shift, the consumer slice', async () => {
    const model = handModel();
    const group = handGroup();
    const { ctx } = createImportanceContext(model, [group]);
    // c0: W1 3 + B1 0.1 + γ 2 + β 0 + W2 2 = 7.1; c1: 1 + 0.2 + 0.5 + 1 + 2 = 4.7; c2: 4 + 0.3 + 1 + 1 + 5 = 11.3.
    expectClose(await l1Importance(group, ctx), [7.1, 4.7, 11.3]);
  });

  it('leaves BatchNorm running mean and variance out (statistics, not weights)', async () => {
    const model = handModel();
    const group = handGroup();
    const onlyStats: DependencyGroup = { ...group, params: group.params.filter((p) => p.tensor === 'mean' || p.tensor === 'var') };
    const { ctx } = createImportanceContext(model, [onlyStats]);
    expectClose(await l1Importance(onlyStats, ctx), [0, 0, 0]);
  });

  it('counts a slice listed twice once', async () => {
    const model = handModel();
    const group = handGroup();
    const doubled: DependencyGroup = { ...group, params: [...group.params, ...group.params] };
    const { ctx } = createImportanceContext(model, [doubled]);
    expectClose(await l1Importance(doubled, ctx), [7.1, 4.7, 11.3]);
  });

  it('gives a channel that becomes H×W features after Flatten all of its Gemm columns (expand map)', async () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 2, 2, 2]);
    const p = b.op('Relu', [x], {}, { name: 'relu', outputs: ['p'] });
    const f = b.op('Flatten', [p], { axis: 1 }, { name: 'flatten', outputs: ['f'] });
    // W [3, 8]: column j belongs to channel ⌊j / 4⌋.
    const w = b.initializer('wg', 'float32', [3, 8], Float32Array.from([1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, -1, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0]));
    b.op('Gemm', [f, w], { transB: 1 }, { name: 'gemm', outputs: ['y'] });
    b.output('y', 'float32', [1, 3]);
    const group: DependencyGroup = {
      id: 'p:1',
      root: 'relu',
      sources: [{ value: 'p', axis: 1 }],
      members: [{ dim: { value: 'p', axis: 1 }, size: 2, producer: 'relu' }],
      params: [{ tensor: 'wg', axis: 1, dim: { value: 'p', axis: 1 }, map: { kind: 'expand', factor: 4 }, node: 'gemm', input: 1 }],
      nodes: ['relu', 'gemm'],
      channels: [new Map([[0, [0]]]), new Map([[0, [1]]])],
      blocks: [],
    };
    const { ctx } = createImportanceContext(b.toModel(), [group]);
    // Channel 0: columns 0–3 → 4 + 1 + 1 = 6; channel 1: columns 4–7 → 8 + 3 = 11.
    expectClose(await l1Importance(group, ctx), [6, 11]);
    // Squares: channel 0: 4 + 1 + 1 = 6; channel 1: 16 + 9 = 25.
    expectClose(await l2Importance(group, ctx), [6, 25]);
  });

  it('scores every prunable group of the MobileNet-style fixture (Constant-node and initializer weights) with finite values', async () => {
    const model = mobilenetFixture.build();
    const { groups } = buildDependencyGroups(model);
    const prunable = groups.filter((g) => g.channels.length > 0);
    expect(prunable.length).toBeGreaterThan(0);
    const { ctx } = createImportanceContext(model, groups);
    for (const g of prunable) {
      const scores = await l1Importance(g, ctx);
      expect(scores, g.id).toHaveLength(g.channels.length);
      expect(Array.from(scores).every((s) => Number.isFinite(s) && s > 0), g.id).toBe(true);
    }
  });
});

describe('l2Importance', () => {
  it('sums w² over every weight slice of the group', async () => {
    const group = handGroup();
    const { ctx } = createImportanceContext(handModel(), [group]);
    // c0: 5 + 0.01 + 4 + 0 + 2 = 11.01; c1: 0.5 + 0.04 + 0.25 + 1 + 4 = 5.79; c2: 10 + 0.09 + 1 + 1 + 17 = 29.09.
    expectClose(await l2Importance(group, ctx), [11.01, 5.79, 29.09]);
  });
});

describe('bnImportance', () => {
  it('scores |γ| of the BatchNormalization scale', async () => {
    const group = handGroup();
    const session = createImportanceContext(handModel(), [group]);
    expectClose(await bnImportance(group, session.ctx), [2, 0.5, 1]);
    expect(session.notes()).toEqual([]);
  });

  it('falls back to l1 for a group without BatchNormalization, and says so', async () => {
    const group = handGroup({ withBatchNorm: false });
    const session = createImportanceContext(handModel(), [group]);
    // l1 without BN: c0 3 + 0.1 + 2 = 5.1; c1 1 + 0.2 + 2 = 3.2; c2 4 + 0.3 + 5 = 9.3.
    expectClose(await bnImportance(group, session.ctx), [5.1, 3.2, 9.3]);
    expect(session.notes()).toEqual(['bn: no BatchNormalization scale in the group (BN folded or absent); scored by l1 instead (1 group: c1:1)']);
  });
});

describe('the importance registry', () => {
  it('names every selectable criterion plus the reserved taylor slot', () => {
    expect(Object.keys(IMPORTANCE).sort()).toEqual(['activation', 'bn', 'l1', 'l2', 'random', 'taylor']);
    expect(PRUNE_CRITERIA).toEqual(['l1', 'l2', 'bn', 'activation', 'random']);
  });
});
