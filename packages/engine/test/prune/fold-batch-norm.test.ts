import { describe, expect, it } from 'vitest';
import { float, GraphBuilder } from '../../src/ir/builder.ts';
import { indexGraph } from '../../src/ir/graph-index.ts';
import { readAsFloat32 } from '../../src/ir/tensor.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import { foldBatchNorms } from '../../src/prune/fold-batch-norm.ts';
import { seededFloats } from '../helpers/seeded.ts';
import { seededInput } from '../helpers/run-model.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { resnetFixture } from '../fixtures/index.ts';
import { convBnReluConv } from './models.ts';
import { expectOutputsClose, run } from './support.ts';

/** Appends BatchNormalization over `channels` (seeded statistics, variance in [0.5, 1.5]) to `x`. */
function batchNorm(b: GraphBuilder, x: string, channels: number, seed: number, name = 'bn'): string {
  const p = (what: string, lo: number, hi: number, s: number) => b.initializer(`${name}.${what}`, 'float32', [channels], seededFloats(channels, seed + s, lo, hi));
  return b.op('BatchNormalization', [x, p('scale', 0.5, 1.5, 0), p('bias', -0.3, 0.3, 1), p('mean', -0.2, 0.2, 2), p('var', 0.5, 1.5, 3)], { epsilon: float(1e-3) }, { name });
}

/** input → producer(W, B) → BatchNormalization → y, for each producer kind. */
function producerThenBn(kind: 'conv' | 'conv-transpose' | 'gemm' | 'gemm-transposed'): { model: IrModel; input: number[] } {
  const b = new GraphBuilder();
  let y: string;
  let input: number[];
  if (kind === 'conv' || kind === 'conv-transpose') {
    input = [2, 4, 5, 5];
    const x = b.input('x', 'float32', input);
    const transposed = kind === 'conv-transpose';
    // ConvTranspose with group 2: W is [C_in 4, M/group 3, 2, 2] → 6 output channels; Conv: W [6, 4, 3, 3].
    const dims = transposed ? [4, 3, 2, 2] : [6, 4, 3, 3];
    const w = b.initializer('w', 'float32', dims, seededFloats(dims.reduce((p, d) => p * d, 1), 41));
    const bias = b.initializer('b', 'float32', [6], seededFloats(6, 42));
    const attrs = transposed ? { kernel_shape: [2, 2], strides: [2, 2], group: 2 } : { kernel_shape: [3, 3], pads: [1, 1, 1, 1] };
    y = batchNorm(b, b.op(transposed ? 'ConvTranspose' : 'Conv', [x, w, bias], attrs, { name: 'producer' }), 6, 50);
  } else {
    input = [3, 5];
    const x = b.input('x', 'float32', input);
    const transB = kind === 'gemm-transposed' ? 1 : 0;
    const w = b.initializer('w', 'float32', transB ? [6, 5] : [5, 6], seededFloats(30, 43));
    const c = b.initializer('c', 'float32', [1, 6], seededFloats(6, 44));
    y = batchNorm(b, b.op('Gemm', [x, w, c], { transB, alpha: float(0.75), beta: float(0.5) }, { name: 'producer' }), 6, 60);
  }
  b.output(y, 'float32');
  return { model: b.toModel({ opset: 17 }), input };
}

describe('foldBatchNorms', () => {
  it('computes s = γ/√(σ²+ε), W·s and s·(b − μ) + β exactly', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 1, 2, 2]);
    const conv = b.op('Conv', [x, b.initializer('w', 'float32', [1, 1, 1, 1], Float32Array.of(2)), b.initializer('b', 'float32', [1], Float32Array.of(3))], {}, { name: 'conv' });
    const one = (name: string, v: number) => b.initializer(name, 'float32', [1], Float32Array.of(v));
    // s = 3 / √(3 + 1) = 1.5; W' = 2·1.5 = 3; b' = 1.5·(3 − 1) + 0.5 = 3.5.
    const y = b.op('BatchNormalization', [conv, one('g', 3), one('beta', 0.5), one('mu', 1), one('var', 3)], { epsilon: float(1) }, { name: 'bn' });
    b.output(y, 'float32');
    const { model, folded } = foldBatchNorms(b.toModel());
    expect(folded).toEqual([{ batchNorm: 'bn', into: 'conv' }]);
    const [node] = model.graph.nodes;
    expect(model.graph.nodes.length).toBe(1);
    expect(node?.outputs).toEqual([y]);
    const constants = indexGraph(model.graph).constants;
    const valuesOf = (slot: number): number[] => {
      const t = constants.get(node?.inputs[slot] ?? '');
      return t === undefined ? [] : Array.from(readAsFloat32(t));
    };
    expect(valuesOf(1)).toEqual([3]);
    expect(valuesOf(2)).toEqual([3.5]);
  });

  it.each(['conv', 'conv-transpose', 'gemm', 'gemm-transposed'] as const)('folds into %s: same outputs in onnxruntime, one node fewer', async (kind) => {
    const { model, input } = producerThenBn(kind);
    const { model: out, report } = applyPruning(model, [], { foldBatchNorm: true });
    expect(report.foldedBatchNorms).toBe(1);
    expect(report.after.nodes).toBe(report.before.nodes - 1);
    expect(out.graph.nodes.map((n) => n.opType)).toEqual([model.graph.nodes[0]?.opType]);
    expect(out.graph.initializers.map((t) => t.name).sort()).toEqual(['b_bn_folded', 'w_bn_folded'].map((n) => (kind.startsWith('gemm') ? n.replace('b_', 'c_') : n)).sort());
    const feeds = { x: seededInput(input, 8) };
    expectOutputsClose(await run(out, feeds), await run(model, feeds));
  });

  it('folds every BatchNormalization of the resnet fixture and keeps its outputs', async () => {
    const model = resnetFixture.build();
    const { model: out, report } = applyPruning(model, [], { foldBatchNorm: true });
    expect(report.foldedBatchNorms).toBe(10);
    expect(out.graph.nodes.some((n) => n.opType === 'BatchNormalization')).toBe(false);
    expect(report.after.nodes).toBe(report.before.nodes - 10);
    // Each BN over C channels loses 4·C statistics and gives its bias-free Conv a C-vector bias: −3·C per fold.
    // Channels of the ten BNs: stem 16, layer1 4×16, layer2 block0 3×32 (with the shortcut), block1 2×32.
    expect(report.after.params).toBe(report.before.params - 3 * (16 + 4 * 16 + 3 * 32 + 2 * 32));
    const feeds = fixtureFeeds(resnetFixture, 6);
    expectOutputsClose(await run(out, feeds), await run(model, feeds));
  });

  it('folds after pruning: pruned + folded ≡ pruned', async () => {
    const model = convBnReluConv();
    const removals = [{ group: 'conv1_out:1', channels: [0, 7] }];
    const folded = applyPruning(model, removals, { foldBatchNorm: true });
    expect(folded.report.foldedBatchNorms).toBe(1);
    expect(folded.report.nodesTouched).toEqual(['conv1', 'bn', 'relu', 'conv2']);
    const feeds = { x: seededInput([1, 3, 8, 8], 7) };
    expectOutputsClose(await run(folded.model, feeds), await run(applyPruning(model, removals).model, feeds));
  });

  it('leaves a BatchNormalization whose producer output has another reader, or that has no producer', () => {
    const b = new GraphBuilder();
    const x = b.input('x', 'float32', [1, 2, 3, 3]);
    const conv = b.op('Conv', [x, b.initializer('w', 'float32', [2, 2, 1, 1], seededFloats(4, 1))], {}, { name: 'conv' });
    b.output(batchNorm(b, conv, 2, 70, 'bn1'), 'float32');
    b.output(b.op('Relu', [conv], {}, { name: 'relu' }), 'float32');
    b.output(batchNorm(b, x, 2, 80, 'bn2'), 'float32');
    const model = b.toModel();
    expect(foldBatchNorms(model)).toEqual({ model, folded: [] });
  });
});
