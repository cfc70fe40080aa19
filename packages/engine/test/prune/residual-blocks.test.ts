import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import { nodeLabel } from '../../src/ir/attributes.ts';
import { tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrModel, IrTensor } from '../../src/ir/types.ts';
import { readModel } from '../../src/onnx/read.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import { maskPruning } from '../../src/prune/mask.ts';
import { findResidualBlocks, removeBlocks } from '../../src/prune/residual-blocks.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';
import { PADDLE_MODELS, readPaddleModel } from '../helpers/paddle-models.ts';
import { seededInput } from '../helpers/run-model.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { mobilenetFixture, resnetFixture, transformerFixture, type ModelFixture } from '../fixtures/index.ts';
import { expectOutputsClose, run } from './support.ts';

/** Shapes of a fixture at batch 1 (and its other input dims), so MACs are concrete. */
function batchOneShapes(fixture: ModelFixture, model: IrModel): ReturnType<typeof inferShapes> {
  return inferShapes(model, { inputShapes: Object.fromEntries(fixture.inputs.map((i) => [i.name, [1, ...i.dims.slice(1)]])) });
}

/** A float32 zero tensor like `t`. */
function zerosLike(t: IrTensor): IrTensor {
  return tensorFromArray(t.name, t.dtype, t.dims, new Float32Array(t.dims.reduce((a, b) => a * b, 1)));
}

/**
 * The reference for a dropped block, built without the code under test: the original model with the constants that
 * scale the body's last op (initializers or Constant-node values) set to zero, so f(x) ≡ 0 and y = x + 0.
 */
function zeroed(model: IrModel, names: readonly string[]): IrModel {
  const initializers = model.graph.initializers.map((t) => (names.includes(t.name) ? zerosLike(t) : t));
  const nodes = model.graph.nodes.map((n) =>
    n.opType === 'Constant' && names.includes(n.outputs[0] ?? '')
      ? { ...n, attributes: n.attributes.map((a) => (a.type === 'TENSOR' ? { ...a, value: zerosLike(a.value) } : a)) }
      : n,
  );
  return { ...model, graph: { ...model.graph, initializers, nodes } };
}

describe('findResidualBlocks', () => {
  it('finds the three identity-shortcut blocks of the resnet fixture with their bodies, params and MACs', () => {
    const model = resnetFixture.build();
    const blocks = findResidualBlocks(model, batchOneShapes(resnetFixture, model));
    expect(blocks.map((b) => b.id)).toEqual(['block:/layer1/block0/Add', 'block:/layer1/block1/Add', 'block:/layer2/block1/Add']);
    const [first, , last] = blocks;
    expect(first?.entry).toBe('/stem/Relu_output_0');
    expect(first?.nodes).toEqual([
      '/layer1/block0/conv1/Conv',
      '/layer1/block0/conv1/BatchNormalization',
      '/layer1/block0/relu1/Relu',
      '/layer1/block0/conv2/Conv',
      '/layer1/block0/conv2/BatchNormalization',
    ]);
    // Two 3×3 convs C→C plus two BNs (4 vectors each); MACs = 2 · C·C·9 · H·W at batch 1.
    expect(first?.params).toBe(2 * 16 * 16 * 9 + 2 * 4 * 16);
    expect(first?.macs).toBe(2 * 16 * 16 * 9 * 32 * 32);
    expect(last?.params).toBe(2 * 32 * 32 * 9 + 2 * 4 * 32);
    expect(last?.macs).toBe(2 * 32 * 32 * 9 * 16 * 16);
  });

  it('skips the downsampling block, whose shortcut is computed (two entries), and Adds of a constant', () => {
    const ids = findResidualBlocks(resnetFixture.build()).map((b) => b.id);
    expect(ids).not.toContain('block:/layer2/block0/Add');
    const transformer = findResidualBlocks(transformerFixture.build());
    expect(transformer.map((b) => b.id)).toEqual(['block:/residual1/Add', 'block:/residual2/Add']);
    expect(transformer[1]?.nodes[0]).toBe('/ln2/LayerNormalization');
  });

  it('reports MACs as unknown when the batch is symbolic', () => {
    expect(findResidualBlocks(resnetFixture.build())[0]?.macs).toBeUndefined();
  });

  it('finds the inverted-residual blocks of the mobilenet fixture', () => {
    expect(findResidualBlocks(mobilenetFixture.build()).map((b) => b.id)).toEqual(['block:/blocks/0/Add', 'block:/blocks/2/Add']);
  });
});

describe('removeBlocks', () => {
  it('leaves y = x: equal to the original with the body output forced to zero', async () => {
    const model = resnetFixture.build();
    const dropped = removeBlocks(model, ['block:/layer1/block1/Add']);
    expect(dropped.graph.nodes.length).toBe(model.graph.nodes.length - 6);
    expect(dropped.graph.nodes.some((n) => n.name.startsWith('/layer1/block1/conv'))).toBe(false);
    expect(inferShapes(dropped).issues).toEqual([]);
    const reference = zeroed(model, ['layer1.block1.conv2.bn.weight', 'layer1.block1.conv2.bn.bias']);
    const feeds = fixtureFeeds(resnetFixture, 2);
    expectOutputsClose(await run(dropped, feeds), await run(reference, feeds));
  });

  it('drops consecutive blocks (the x of one is the y of the other)', async () => {
    const model = resnetFixture.build();
    const dropped = removeBlocks(model, ['block:/layer1/block0/Add', 'block:/layer1/block1/Add']);
    const reference = zeroed(model, ['layer1.block0.conv2.bn.weight', 'layer1.block0.conv2.bn.bias', 'layer1.block1.conv2.bn.weight', 'layer1.block1.conv2.bn.bias']);
    const feeds = fixtureFeeds(resnetFixture, 3);
    expectOutputsClose(await run(dropped, feeds), await run(reference, feeds));
  });

  it('keeps a graph output name through an Identity', async () => {
    const model = transformerFixture.build();
    const dropped = removeBlocks(model, ['block:/residual2/Add']);
    const last = dropped.graph.nodes.at(-1);
    expect(last).toMatchObject({ opType: 'Identity', inputs: ['/residual1/Add_out'], outputs: ['block_output'] });
    const reference = zeroed(model, ['mlp.fc2.weight', 'mlp.fc2.bias']);
    const feeds = fixtureFeeds(transformerFixture, 4);
    expectOutputsClose(await run(dropped, feeds), await run(reference, feeds));
  });

  it('removes the Constant nodes that held the body weights', () => {
    const model = mobilenetFixture.build();
    const dropped = removeBlocks(model, ['block:/blocks/0/Add']);
    const constants = (m: IrModel) => m.graph.nodes.filter((n) => n.opType === 'Constant').map((n) => n.outputs[0] ?? '');
    expect(constants(model).some((c) => c.startsWith('/blocks/0/'))).toBe(true);
    expect(constants(dropped).some((c) => c.startsWith('/blocks/0/'))).toBe(false);
    expect(constants(dropped).length).toBeGreaterThan(0);
  });

  it('drops every residual block of PaddleOCR cls (bodies ending in BatchNormalization) like zeroing their last BN', async () => {
    const spec = PADDLE_MODELS.find((m) => m.id === 'cls');
    if (spec === undefined) throw new Error('No PaddleOCR cls model.');
    const model = readModel(readPaddleModel(spec.file));
    const blocks = findResidualBlocks(model, inferShapes(model, { inputShapes: { [spec.input]: spec.shape } }));
    expect(blocks.length).toBe(7);
    const byLabel = new Map(model.graph.nodes.map((n) => [nodeLabel(n), n]));
    const lastBn = blocks.map((b) => byLabel.get(b.nodes.at(-1) ?? ''));
    expect(lastBn.every((n) => n?.opType === 'BatchNormalization')).toBe(true);
    const dropped = removeBlocks(model, blocks.map((b) => b.id));
    expect(dropped.graph.nodes.length).toBeLessThan(model.graph.nodes.length / 2);
    const reference = zeroed(model, lastBn.flatMap((n) => n?.inputs.slice(1, 3) ?? []));
    const feeds = { [spec.input]: seededInput(spec.shape, 6) };
    expectOutputsClose(await run(dropped, feeds), await run(reference, feeds));
  });

  it('refuses an id that is not a residual block, naming it', () => {
    const error = expectEngineError(() => removeBlocks(resnetFixture.build(), ['block:/layer2/block0/Add']), EngineErrorCode.PlanMismatch);
    expect(error.at).toBe('block:/layer2/block0/Add');
  });
});

describe('applyPruning with dropBlocks', () => {
  it('drops the blocks first and reports them', () => {
    const model = resnetFixture.build();
    const [block] = findResidualBlocks(model);
    const { model: out, report } = applyPruning(model, [], { dropBlocks: [block?.id ?? ''] });
    expect(report.blocksDropped).toEqual([block?.id]);
    expect(report.after.params).toBe(report.before.params - (block?.params ?? 0));
    expect(report.after.nodes).toBe(report.before.nodes - 6);
    expect(report.nodesTouched).toEqual(expect.arrayContaining([...(block?.nodes ?? []), block?.add]));
    expect(out.graph.nodes.length).toBe(model.graph.nodes.length - 6);
  });

  it('then prunes groups of the original by id, on the model without the blocks', async () => {
    const model = mobilenetFixture.build();
    const removals = [{ group: '/stem/Conv_out:1', channels: [0, 5, 9] }];
    const { model: out, report } = applyPruning(model, removals, { dropBlocks: ['block:/blocks/0/Add'] });
    expect(report.groups).toEqual([{ id: '/stem/Conv_out:1', channelsBefore: 16, channelsAfter: 13 }]);
    const reference = maskPruning(removeBlocks(model, ['block:/blocks/0/Add']), removals);
    const feeds = fixtureFeeds(mobilenetFixture, 5);
    expectOutputsClose(await run(out, feeds), await run(reference, feeds));
  });

  it('refuses a removal in a group that lives inside a dropped body', () => {
    const model = mobilenetFixture.build();
    const inner = buildDependencyGroups(model).groups.find((g) => g.root === '/blocks/0/se/fc1/Conv');
    expect(inner?.channels.length).toBeGreaterThan(1);
    const error = expectEngineError(
      () => applyPruning(model, [{ group: inner?.id ?? '', channels: [0] }], { dropBlocks: ['block:/blocks/0/Add'] }),
      EngineErrorCode.PlanMismatch,
    );
    expect(error.message).toContain('no longer exists');
  });
});
