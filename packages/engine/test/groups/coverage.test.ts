import { beforeAll, describe, expect, it } from 'vitest';
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import type { GroupAnalysis } from '../../src/groups/types.ts';
import { normalizeDomain } from '../../src/ir/attributes.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { readModel } from '../../src/onnx/read.ts';
import { opsetMap } from '../../src/ops/registry.ts';
import { defaultPruneRegistry } from '../../src/register-all.ts';
import { fixtureFeeds } from '../fixtures/feeds.ts';
import { MODEL_FIXTURES } from '../fixtures/index.ts';
import { PADDLE_MODELS, readPaddleModel, type PaddleModelId } from '../helpers/paddle-models.ts';
import { seededInput } from '../helpers/run-model.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { expectHardEqualsSoftAll } from './hard-prune.ts';

/**
 * Group coverage of the four fixtures and the PaddleOCR det/rec/cls models: how many groups, how many prunable, and
 * why the others are blocked (each blocked group counted once per kind of reason). Every op of these models has a
 * pruning rule, and every prunable group prunes at once with hard ≡ soft in onnxruntime.
 */

/** A kind of block reason, for counting (the full reasons name values and nodes). */
function kindOf(reason: string): string {
  const kinds: readonly (readonly [RegExp, string])[] = [
    [/is a graph output/, 'graph output'],
    [/is a graph input/, 'graph input'],
    [/^Reshape target of node .* is computed at run time/, 'Reshape target computed at run time'],
    [/^(Log)?Softmax at node .* normalizes over axis/, 'Softmax axis'],
    [/^LayerNormalization normalizes over this axis/, 'LayerNormalization axis'],
    [/^Reduce\w+ at node .* reduces over axis/, 'reduced axis'],
    [/^unknown op/, 'unknown op'],
  ];
  return kinds.find(([re]) => re.test(reason))?.[1] ?? reason;
}

interface Expected {
  readonly groups: number;
  readonly prunable: number;
  readonly blocked: Readonly<Record<string, number>>;
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  'resnet-style': { groups: 7, prunable: 6, blocked: { 'graph output': 1 } },
  'mobilenet-style': { groups: 10, prunable: 9, blocked: { 'graph output': 1 } },
  'densenet-style': { groups: 3, prunable: 2, blocked: { 'graph output': 1 } },
  'transformer-block': { groups: 3, prunable: 2, blocked: { 'graph input': 1, 'LayerNormalization axis': 1, 'graph output': 1 } },
  det: { groups: 34, prunable: 33, blocked: { 'graph output': 1 } },
  rec: { groups: 27, prunable: 22, blocked: { 'Reshape target computed at run time': 4, 'reduced axis': 1, 'Softmax axis': 1, 'graph output': 1 } },
  cls: { groups: 27, prunable: 25, blocked: { 'Reshape target computed at run time': 1, 'Softmax axis': 1, 'graph output': 1 } },
};

/** Inputs smaller than the models' usual ones (det needs multiples of 32), to keep the onnxruntime runs short. */
const SMALL_INPUTS: Readonly<Record<PaddleModelId, readonly number[]>> = { det: [1, 3, 96, 96], rec: [1, 3, 48, 96], cls: [1, 3, 48, 96] };

interface Case {
  readonly name: string;
  readonly model: IrModel;
  readonly feeds: Record<string, HostTensor>;
}

const cases: Case[] = [];
const analyses = new Map<string, GroupAnalysis>();

beforeAll(() => {
  for (const f of MODEL_FIXTURES) cases.push({ name: f.name, model: f.build(), feeds: fixtureFeeds(f, 21) });
  for (const m of PADDLE_MODELS) cases.push({ name: m.id, model: readModel(readPaddleModel(m.file)), feeds: { [m.input]: seededInput(SMALL_INPUTS[m.id], 21) } });
  for (const c of cases) analyses.set(c.name, buildDependencyGroups(c.model));
});

function caseNamed(name: string): { readonly c: Case; readonly analysis: GroupAnalysis } {
  const c = cases.find((k) => k.name === name);
  const analysis = analyses.get(name);
  if (c === undefined || analysis === undefined) throw new Error(`no case ${name}`);
  return { c, analysis };
}

describe.each(Object.keys(EXPECTED))('%s', (name) => {
  it('has the expected groups, prunable groups and block reasons', () => {
    const { analysis } = caseNamed(name);
    const blocked: Record<string, number> = {};
    for (const g of analysis.groups) for (const kind of new Set(g.blocks.map((b) => kindOf(b.reason)))) blocked[kind] = (blocked[kind] ?? 0) + 1;
    expect({ groups: analysis.groups.length, prunable: analysis.groups.filter((g) => g.blocks.length === 0).length, blocked }).toEqual(EXPECTED[name]);
  });

  it('has a pruning rule for every op it uses', () => {
    const { c } = caseNamed(name);
    const opsets = opsetMap(c.model.opsetImports);
    const registry = defaultPruneRegistry();
    const missing = c.model.graph.nodes.filter((n) => n.opType !== 'Constant' && registry.resolve(n, opsets) === undefined).map((n) => `${normalizeDomain(n.domain)}::${n.opType}`);
    expect(missing).toEqual([]);
  });

  it('prunes every prunable group at once with hard ≡ soft (onnxruntime)', async () => {
    const { c, analysis } = caseNamed(name);
    const removals = analysis.groups
      .filter((g) => g.blocks.length === 0 && g.channels.length >= 2)
      // Channels 0 and the middle one; a 2-channel group loses only channel 0 (a group keeps at least one).
      .map((group) => ({ group, channels: group.channels.length >= 3 ? [0, Math.floor(group.channels.length / 2)] : [0] }));
    expect(removals.length).toBe(EXPECTED[name]?.prunable);
    await expectHardEqualsSoftAll(c.model, removals, c.feeds);
  });
});
