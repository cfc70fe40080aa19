import { describe, expect, it } from 'vitest';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { transformerFixture } from '../fixtures/index.ts';
import { cover, groupsOf, groupWith, iota, memberSizes, paramSlices, reasons } from './group-helpers.ts';
import { expectHardEqualsSoft } from './hard-prune.ts';

/**
 * Multi-head attention on the transformer fixture (Linear Q/K/V → Reshape [0, 0, 4, 8] → Transpose → Q·Kᵀ → Softmax
 * → ·V → Transpose → Reshape [0, 0, 32] → output Linear): heads must come out as the prunable unit.
 */

const model = transformerFixture.build();
const analysis = groupsOf(model);
const heads = groupWith(analysis, '/attn/q_proj/MatMul_out:2');

describe('attention heads', () => {
  it('form one group of 4 channels spanning Q, K, V and the output projection', () => {
    expect(heads.blocks).toEqual([]);
    expect(heads.sources.map((d) => d.value)).toEqual(['/attn/q_proj/MatMul_out', '/attn/k_proj/MatMul_out', '/attn/v_proj/MatMul_out']);
    expect(heads.channels).toHaveLength(4);
    expect(paramSlices(heads)).toEqual([
      'attn.k_proj.bias@0',
      'attn.k_proj.weight@1',
      'attn.out_proj.weight@0',
      'attn.q_proj.bias@0',
      'attn.q_proj.weight@1',
      'attn.v_proj.bias@0',
      'attn.v_proj.weight@1',
    ]);
  });

  it('make each head cover head_dim = 8 projection columns and 8 output-projection rows', () => {
    const head = cover(heads, 2);
    const columns = iota(8, 16);
    for (const p of ['q', 'k', 'v']) {
      expect(head[`/attn/${p}_proj/MatMul_out:2`]).toEqual(columns);
      expect(head[`/attn/${p}_proj/Add_out:2`]).toEqual(columns);
      expect(head[`/attn/${p}/Reshape_out:2`]).toEqual([2]);
    }
    expect(head['/attn/scores/MatMul_out:1']).toEqual([2]);
    expect(head['/attn/Softmax_out:1']).toEqual([2]);
    expect(head['/attn/context/MatMul_out:1']).toEqual([2]);
    expect(head['/attn/merge/Reshape_out:2']).toEqual(columns);
    expect(memberSizes(heads)['/attn/merge/Reshape_out:2']).toBe(32);
  });

  it('hard prunes heads like zeroing them, with the Reshape targets rewritten (onnxruntime)', async () => {
    await expectHardEqualsSoft(model, heads, [1, 2], fixtureFeeds(transformerFixture, 5));
  });
});

describe('the rest of the block', () => {
  it('blocks the residual stream: graph input and output, and both LayerNorms', () => {
    const stream = groupWith(analysis, '/residual1/Add_out:2');
    expect(reasons(stream)).toEqual([
      "'hidden_states' is a graph input: the model's interface does not change",
      'LayerNormalization normalizes over this axis; pruning it changes every output (at node /ln1/LayerNormalization)',
      'LayerNormalization normalizes over this axis; pruning it changes every output (at node /ln2/LayerNormalization)',
      "'block_output' is a graph output: the model's interface does not change",
    ]);
    expect(paramSlices(stream)).toContain('attn.q_proj.weight@0');
  });

  it('makes the MLP hidden features a prunable group of 64 through the Erf GELU', async () => {
    const mlp = groupWith(analysis, '/mlp/fc1/MatMul_out:2');
    expect(mlp.channels).toHaveLength(64);
    expect(paramSlices(mlp)).toEqual(['mlp.fc1.bias@0', 'mlp.fc1.weight@1', 'mlp.fc2.weight@0']);
    await expectHardEqualsSoft(model, mlp, iota(20, 10), fixtureFeeds(transformerFixture, 5));
  });

  it('has exactly these three groups', () => {
    expect(analysis.groups.map((g) => [g.id, g.channels.length])).toEqual([
      ['/attn/q_proj/MatMul_out:2', 4],
      ['/attn/out_proj/MatMul_out:2', 0],
      ['/mlp/fc1/MatMul_out:2', 64],
    ]);
  });
});
