import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import { attrInt } from '../../src/ir/attributes.ts';
import { indexGraph } from '../../src/ir/graph-index.ts';
import { readAsNumbers } from '../../src/ir/tensor.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { readModel } from '../../src/onnx/read.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import { maskPruning } from '../../src/prune/mask.ts';
import type { GroupRemoval } from '../../src/prune/types.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { installFastByteEquality } from '../helpers/byte-equality.ts';
import { expectEngineError } from '../helpers/expect-engine-error.ts';
import { seededInput } from '../helpers/run-model.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { mobilenetFixture, transformerFixture } from '../fixtures/index.ts';
import { biasReadTwice, convBnReluConv, sharedWeight } from './models.ts';
import { expectOutputsClose, prunableGroups, run, seededRemovals } from './support.ts';

installFastByteEquality();

const GROUP = 'conv1_out:1';

describe('applyPruning on Conv → BN → Relu → Conv', () => {
  const model = convBnReluConv();
  const removals: GroupRemoval[] = [{ group: GROUP, channels: [1, 4, 6] }];

  it('has one prunable group rooted at conv1 covering conv1, bn, relu and conv2', () => {
    const [group] = buildDependencyGroups(model).groups.filter((g) => g.blocks.length === 0);
    expect(group?.id).toBe(GROUP);
    expect(group?.channels.length).toBe(8);
    expect(group?.nodes).toEqual(['conv1', 'bn', 'relu', 'conv2']);
  });

  it('shrinks params, bytes and MACs by the hand-computed amounts', () => {
    const { report } = applyPruning(model, removals);
    // conv1 W 8·3·9 + b 8, BN 4·8, conv2 W 4·8·9 → 216 + 8 + 32 + 288; 5 of 8 channels stay: 135 + 5 + 20 + 180.
    expect(report.before).toEqual({ params: 544, bytes: 544 * 4, macs: 8 * 64 * 27 + 4 * 64 * 72, nodes: 4 });
    expect(report.after).toEqual({ params: 340, bytes: 340 * 4, macs: 5 * 64 * 27 + 4 * 64 * 45, nodes: 4 });
    expect(report.groupsPruned).toBe(1);
    expect(report.channelsRemoved).toBe(3);
    expect(report.groups).toEqual([{ id: GROUP, channelsBefore: 8, channelsAfter: 5 }]);
    expect(report.nodesTouched).toEqual(['conv1', 'bn', 'relu', 'conv2']);
    expect(report.blocksDropped).toEqual([]);
    expect(report.foldedBatchNorms).toBe(0);
  });

  it('keeps the surviving channels of every weight, in order', () => {
    const pruned = applyPruning(model, removals).model;
    const constants = indexGraph(pruned.graph).constants;
    expect(constants.get('conv1.weight')?.dims).toEqual([5, 3, 3, 3]);
    expect(constants.get('conv1.bias')?.dims).toEqual([5]);
    for (const name of ['bn.scale', 'bn.bias', 'bn.mean', 'bn.var']) expect(constants.get(name)?.dims).toEqual([5]);
    expect(constants.get('conv2.weight')?.dims).toEqual([4, 5, 3, 3]);
  });

  it('writes a model that reads back, re-infers without issues and runs like the masked original', async () => {
    const pruned = applyPruning(model, removals).model;
    const reread = readModel(writeModel(pruned));
    expect(reread).toEqual(pruned);
    const shapes = inferShapes(reread);
    expect(shapes.issues).toEqual([]);
    expect(shapes.values.get('conv1_out')?.shape).toEqual([1, 5, 8, 8]);
    const feeds = { x: seededInput([1, 3, 8, 8], 5) };
    expectOutputsClose(await run(reread, feeds), await run(maskPruning(model, removals), feeds));
  });

  it('drops value_info of values whose dims changed and keeps the rest', () => {
    const info = (name: string, shape: number[]) => ({ name, type: { kind: 'tensor' as const, elemType: 1, shape, denotation: '' }, docString: '', metadataProps: [] });
    const annotated = { ...model, graph: { ...model.graph, valueInfo: [info('conv1_out', [1, 8, 8, 8]), info('relu_out', [1, 8, 8, 8]), info('y', [1, 4, 8, 8])] } };
    const pruned = applyPruning(annotated, removals).model;
    expect(pruned.graph.valueInfo.map((v) => v.name)).toEqual(['y']);
  });

  it('refuses an analysis built for another model', () => {
    const analysis = buildDependencyGroups(convBnReluConv());
    const renamed = { ...model, graph: { ...model.graph, nodes: model.graph.nodes.map((n) => (n.name === 'relu' ? { ...n, outputs: ['relu_renamed'] } : n.name === 'conv2' ? { ...n, inputs: ['relu_renamed', ...n.inputs.slice(1)] } : n)) } };
    const error = expectEngineError(() => applyPruning(renamed, removals, { analysis }), EngineErrorCode.PlanMismatch);
    expect(error.message).toContain("'relu_out'");
  });

  it('does not modify its input', () => {
    const before = writeModel(model);
    applyPruning(model, removals, { foldBatchNorm: true });
    expect(writeModel(model)).toEqual(before);
  });
});

describe('applyPruning on the fixtures', () => {
  it('slices weights held in Constant nodes and rewrites the depthwise Conv group', () => {
    const model = mobilenetFixture.build();
    const group = buildDependencyGroups(model).groups.find((g) => g.root === '/blocks/0/expand/Conv');
    expect(group?.channels.length).toBe(48);
    const pruned = applyPruning(model, [{ group: group?.id ?? '', channels: [0, 1, 2, 40] }]).model;
    const node = (name: string) => pruned.graph.nodes.find((n) => n.name === name);
    const constant = node('/blocks/0/expand/Conv')?.inputs[1] ?? '';
    const holder = indexGraph(pruned.graph).producer.get(constant);
    expect(holder?.opType).toBe('Constant');
    expect(indexGraph(pruned.graph).constants.get(constant)?.dims).toEqual([44, 16, 1, 1]);
    const depthwise = node('/blocks/0/depthwise/Conv');
    expect(depthwise && attrInt(depthwise, 'group')).toBe(44);
    expect(indexGraph(pruned.graph).constants.get(depthwise?.inputs[1] ?? '')?.dims).toEqual([44, 1, 3, 3]);
  });

  it('prunes attention heads: Q/K/V columns, head Reshape targets and output-projection rows', async () => {
    const model = transformerFixture.build();
    const heads = buildDependencyGroups(model).groups.find((g) => g.root === '/attn/q_proj/MatMul');
    expect(heads?.channels.length).toBe(4);
    const removals = [{ group: heads?.id ?? '', channels: [2] }];
    const { model: pruned, report } = applyPruning(model, removals);
    const index = indexGraph(pruned.graph);
    const input = (name: string, slot: number) => index.constants.get(pruned.graph.nodes.find((n) => n.name === name)?.inputs[slot] ?? '');
    for (const proj of ['q', 'k', 'v']) {
      expect(input(`/attn/${proj}_proj/MatMul`, 1)?.dims).toEqual([32, 24]);
      const target = input(`/attn/${proj}/Reshape`, 1);
      expect(target && readAsNumbers(target)).toEqual([0, 0, 3, 8]);
    }
    expect(input('/attn/out_proj/MatMul', 1)?.dims).toEqual([24, 32]);
    expect(report.groups).toEqual([{ id: heads?.id, channelsBefore: 4, channelsAfter: 3 }]);
    const feeds = fixtureFeeds(transformerFixture, 3);
    expectOutputsClose(await run(pruned, feeds), await run(maskPruning(model, removals), feeds));
  });
});

describe('applyPruning edge cases', () => {
  const model = convBnReluConv();

  it('treats an empty removal list as a no-op: same model, zero report', () => {
    const { model: out, report } = applyPruning(model, []);
    expect(out).toBe(model);
    expect(report.groupsPruned).toBe(0);
    expect(report.channelsRemoved).toBe(0);
    expect(report.nodesTouched).toEqual([]);
    expect(report.after).toEqual(report.before);
    expect(applyPruning(model, [{ group: GROUP, channels: [] }]).model).toBe(model);
  });

  it('refuses to remove every channel of a group', () => {
    const error = expectEngineError(() => applyPruning(model, [{ group: GROUP, channels: [0, 1, 2, 3, 4, 5, 6, 7] }]), EngineErrorCode.PlanInvalid);
    expect(error.message).toContain('a group must keep at least one channel');
    expect(() => maskPruning(model, [{ group: GROUP, channels: [0, 1, 2, 3, 4, 5, 6, 7] }])).toThrow('at least one channel');
  });

  it('refuses a group id of another model, naming it', () => {
    const foreign = buildDependencyGroups(mobilenetFixture.build()).groups[0]?.id ?? '';
    const error = expectEngineError(() => applyPruning(model, [{ group: foreign, channels: [0] }]), EngineErrorCode.PlanMismatch);
    expect(error.message).toContain(`'${foreign}'`);
    expect(error.at).toBe(foreign);
  });

  it('refuses channels out of range, a group listed twice and a blocked group', () => {
    expectEngineError(() => applyPruning(model, [{ group: GROUP, channels: [8] }]), EngineErrorCode.PlanInvalid);
    expectEngineError(() => applyPruning(model, [{ group: GROUP, channels: [1.5] }]), EngineErrorCode.PlanInvalid);
    expectEngineError(() => applyPruning(model, [{ group: GROUP, channels: [1] }, { group: GROUP, channels: [2] }]), EngineErrorCode.PlanInvalid);
    const blocked = buildDependencyGroups(model).groups.find((g) => g.blocks.length > 0);
    expect(blocked?.id).toBe('y:1');
    const error = expectEngineError(() => applyPruning(model, [{ group: 'y:1', channels: [0] }]), EngineErrorCode.PlanInvalid);
    expect(error.message).toContain('graph output');
  });

  it('merges repeated channel indices', () => {
    const once = applyPruning(model, [{ group: GROUP, channels: [2] }]);
    const twice = applyPruning(model, [{ group: GROUP, channels: [2, 2] }]);
    expect(twice.report.channelsRemoved).toBe(1);
    expect(writeModel(twice.model)).toEqual(writeModel(once.model));
  });
});

describe('weights shared between groups', () => {
  it('refuses to cut a shared weight for one group only', () => {
    const model = sharedWeight();
    const error = expectEngineError(() => applyPruning(model, [{ group: 'a/in_out:1', channels: [0, 3] }]), EngineErrorCode.PlanInvalid);
    expect(error.message).toContain("'shared.weight'");
  });

  it('cuts a shared weight when every group that holds it loses the same channels', async () => {
    const model = sharedWeight();
    const removals = [{ group: 'a/in_out:1', channels: [0, 3] }, { group: 'b/in_out:1', channels: [0, 3] }];
    const pruned = applyPruning(model, removals).model;
    expect(indexGraph(pruned.graph).constants.get('shared.weight')?.dims).toEqual([4, 2, 1, 1]);
    const feeds = { x: seededInput([1, 2, 5, 5], 3) };
    expectOutputsClose(await run(pruned, feeds), await run(maskPruning(model, removals), feeds));
  });

  it('refuses to cut a weight that a node outside the group also reads', () => {
    const error = expectEngineError(() => applyPruning(biasReadTwice(), [{ group: 'conv_out:1', channels: [1] }]), EngineErrorCode.PlanInvalid);
    expect(error.message).toContain('node copy');
  });
});

describe('pruning twice', () => {
  it('composes: prune, regroup the result, prune again ≡ pruning the union once ≡ masking it on the original', async () => {
    const original = mobilenetFixture.build();
    const first = seededRemovals(prunableGroups(buildDependencyGroups(original)), 11);
    const once = applyPruning(original, first).model;
    const regrouped = prunableGroups(buildDependencyGroups(once));
    expect(regrouped.length).toBeGreaterThan(0);
    const second = seededRemovals(regrouped, 12);
    const twice = applyPruning(once, second).model;

    // Channel c of a regrouped group is the c-th channel that survived the first round (classes keep their order).
    const originalGroups = new Map(buildDependencyGroups(original).groups.map((g) => [g.id, g]));
    const union: GroupRemoval[] = [...originalGroups.values()].flatMap((g) => {
      const r1 = first.find((r) => r.group === g.id)?.channels ?? [];
      const r2 = second.find((r) => r.group === g.id)?.channels ?? [];
      const survivors = Array.from({ length: g.channels.length }, (_, i) => i).filter((i) => !r1.includes(i));
      const channels = [...r1, ...r2.map((c) => survivors[c] ?? -1)].sort((a, b) => a - b);
      return channels.length === 0 ? [] : [{ group: g.id, channels }];
    });
    for (const g of regrouped) {
      const removedFirst = first.find((r) => r.group === g.id)?.channels.length ?? 0;
      expect(g.channels.length + removedFirst).toBe(originalGroups.get(g.id)?.channels.length);
    }
    expect(inferShapes(twice).issues).toEqual([]);
    const feeds = fixtureFeeds(mobilenetFixture, 4);
    const outTwice = await run(twice, feeds);
    expectOutputsClose(outTwice, await run(applyPruning(original, union).model, feeds));
    expectOutputsClose(outTwice, await run(maskPruning(original, union), feeds));
  });
});
