import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { buildDependencyGroups } from '../../src/groups/build-groups.ts';
import type { Importance } from '../../src/importance/types.ts';
import { modelFingerprint } from '../../src/ir/fingerprint.ts';
import type { PrunePlan } from '../../src/prune/plan-types.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import { checkPlanShape, resolvePlan, roundRemoval } from '../../src/prune/plan.ts';
import { densenetFixture } from '../fixtures/index.ts';
import { expectEngineError, expectEngineErrorAsync } from '../helpers/expect-engine-error.ts';
import { chainModel, GROUP_A, GROUP_B, GROUP_C, residualModel } from './chain-model.ts';

const model = chainModel();
const analysis = buildDependencyGroups(model);

/** Importance that ranks channels by preset scores per group id (ascending index order unless given). */
function preset(scores: Readonly<Record<string, readonly number[]>>): Importance {
  return (group) => Float64Array.from(scores[group.id] ?? group.channels.map((_, i) => i + 1));
}

const ascending = (n: number, scale = 1): number[] => Array.from({ length: n }, (_, i) => (i + 1) * scale);
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

async function removals(plan: PrunePlan, importance: Importance = preset({})): Promise<Record<string, readonly number[]>> {
  const resolved = await resolvePlan(model, plan, { analysis, importance: { l1: importance } });
  return Object.fromEntries(resolved.removals.map((r) => [r.group, r.channels]));
}

describe('the chain model used here', () => {
  it('has two prunable groups (16 and 12 channels) and a blocked one at the graph output', () => {
    const byId = new Map(analysis.groups.map((g) => [g.id, g]));
    expect(byId.get(GROUP_A)?.channels).toHaveLength(16);
    expect(byId.get(GROUP_B)?.channels).toHaveLength(12);
    expect(byId.get(GROUP_C)?.blocks.length).toBeGreaterThan(0);
  });
});

describe('resolvePlan: edge cases', () => {
  it('resolves an empty plan, and ratio 0, to no removals', async () => {
    expect(await removals({ version: 1, groups: [] })).toEqual({});
    expect(await removals({ version: 1, ratio: 0 })).toEqual({});
    expect(await removals({ version: 1, ratio: 0, global: true })).toEqual({});
  });

  it('keeps at least one channel per group at ratio 0.999', async () => {
    expect(await removals({ version: 1, ratio: 0.999 })).toEqual({ [GROUP_A]: range(0, 15), [GROUP_B]: range(0, 11) });
    const global = await removals({ version: 1, ratio: 0.999, global: true });
    expect(global[GROUP_A]).toHaveLength(15);
    expect(global[GROUP_B]).toHaveLength(11);
  });

  it('removes ⌊ratio × channels⌋ lowest-importance channels per group, ties broken by index', async () => {
    const scores = { [GROUP_A]: [5, 1, 5, 0, ...ascending(12, 10)], [GROUP_B]: Array.from({ length: 12 }, () => 1) };
    const r = await removals({ version: 1, ratio: 0.25 }, preset(scores));
    expect(r[GROUP_A]).toEqual([0, 1, 2, 3]); // scores 0, 1, 5, 5: the two 5s tie and both go before 10
    expect(r[GROUP_B]).toEqual([0, 1, 2]); // all equal: lowest indices
  });

  it('rounds kept counts up to multiples of roundTo, never below it, and leaves smaller groups alone', async () => {
    // A: 16 × 0.5 → keep 8; B: 12 × 0.5 = 6 kept → rounded up to 8 → remove 4.
    const r = await removals({ version: 1, ratio: 0.5, roundTo: 8 });
    expect(r[GROUP_A]).toHaveLength(8);
    expect(r[GROUP_B]).toHaveLength(4);
    // roundTo 16: B (12 channels) is smaller than 16 and left alone; A keeps 16 → nothing to remove.
    const resolved = await resolvePlan(model, { version: 1, ratio: 0.5, roundTo: 16 }, { analysis });
    expect(resolved.removals).toEqual([]);
    expect(resolved.notes.join('\n')).toMatch(/fewer than 16 channels \(roundTo\)/);
  });

  it('rounds removals with the documented rule', () => {
    const rows: readonly (readonly [number, number, number | undefined, number])[] = [
      [16, 8, undefined, 8],
      [16, 16, undefined, 15], // never every channel
      [16, 8, 8, 8],
      [12, 6, 8, 4], // keep 6 → 8
      [16, 4, 8, 0], // keep 12 → 16: nothing
      [20, 10, 8, 4], // keep 10 → 16
      [20, 19, 8, 12], // keep 1 → at least 8
      [5, 3, 8, 0], // fewer channels than roundTo
      [64, 0, 8, 0],
    ];
    for (const [channels, k, roundTo, expected] of rows) expect(roundRemoval(channels, k, roundTo), `${String(channels)}, ${String(k)}, ${String(roundTo)}`).toBe(expected);
  });

  it('skips every group that touches a protected node', async () => {
    // convB reads group A (its input slice) and produces group B: both stay.
    const both = await resolvePlan(model, { version: 1, ratio: 0.5, protect: ['convB'] }, { analysis });
    expect(both.removals).toEqual([]);
    expect(both.notes.join('\n')).toMatch(/Protected nodes kept 2 group\(s\) unpruned: a:1, b:1/);
    expect(Object.keys(await removals({ version: 1, ratio: 0.5, protect: ['reluA'] }))).toEqual([GROUP_B]);
    await expectEngineErrorAsync(resolvePlan(model, { version: 1, ratio: 0.5, protect: ['nope'] }, { analysis }), EngineErrorCode.PlanInvalid);
  });

  it('ranks globally by score ÷ group mean, not by raw score', async () => {
    // A scores 1..16 (mean 8.5), B scores 10..120 (mean 65). Raw scores would take A's seven lowest; normalised,
    // the seven lowest of 28 (ratio 0.25) are A 1/8.5, B 1/6.5, A 2/8.5, B 2/6.5, A 3/8.5, B 3/6.5, A 4/8.5.
    const scores = { [GROUP_A]: ascending(16), [GROUP_B]: ascending(12, 10) };
    const r = await removals({ version: 1, ratio: 0.25, global: true }, preset(scores));
    expect(r).toEqual({ [GROUP_A]: [0, 1, 2, 3], [GROUP_B]: [0, 1, 2] });
    const resolved = await resolvePlan(model, { version: 1, ratio: 0.25, global: true }, { analysis, importance: { l1: preset(scores) } });
    expect(resolved.notes.join('\n')).toMatch(/divided by its group's mean score \(Torch-Pruning's 'mean' group normalisation/);
  });

  it('is deterministic, and its explicit plan replays to the same removals', async () => {
    const plan: PrunePlan = { version: 1, ratio: 0.4, criterion: 'l1', roundTo: 4 };
    const first = await resolvePlan(model, plan, { analysis });
    const second = await resolvePlan(chainModel(), plan);
    expect(second.removals).toEqual(first.removals);
    expect(first.explicit.model?.fingerprint).toBe(modelFingerprint(model));
    const replay = await resolvePlan(model, first.explicit);
    expect(replay.removals).toEqual(first.removals);
    for (const criterion of ['l2', 'random', 'bn'] as const) {
      const a = await resolvePlan(model, { ...plan, criterion, seed: 7 }, { analysis });
      const b = await resolvePlan(model, { ...plan, criterion, seed: 7 }, { analysis });
      expect(b.removals, criterion).toEqual(a.removals);
    }
  });

  it('refuses a plan made for another model with ENGINE_ERR_PLAN_MISMATCH', async () => {
    const other = modelFingerprint(chainModel({ widthA: 8 }));
    const error = await expectEngineErrorAsync(resolvePlan(model, { version: 1, model: { fingerprint: other }, ratio: 0.5 }, { analysis }), EngineErrorCode.PlanMismatch);
    expect(error.message).toBe(`This plan was made for model ${other} but this model is ${modelFingerprint(model)}; make a new plan for this model.`);
    // Without a fingerprint, naming groups this model lacks is the tell.
    await expectEngineErrorAsync(resolvePlan(model, { version: 1, groups: [{ group: 'conv9:1', remove: [0] }] }, { analysis }), EngineErrorCode.PlanMismatch);
  });
});

describe('resolvePlan: explicit groups', () => {
  const fingerprint = modelFingerprint(model);
  const cases: readonly (readonly [string, PrunePlan, RegExp])[] = [
    ['an unknown group (fingerprint matches)', { version: 1, model: { fingerprint }, groups: [{ group: 'q:1', remove: [0] }] }, /does not have/],
    ['a group listed twice', { version: 1, groups: [{ group: GROUP_A, remove: [0] }, { group: GROUP_A, remove: [1] }] }, /listed twice/],
    ['a channel out of range', { version: 1, groups: [{ group: GROUP_B, remove: [12] }] }, /has 12 channels; the plan removes channel 12/],
    ['every channel', { version: 1, groups: [{ group: GROUP_B, remove: range(0, 12) }] }, /removes all 12 channels/],
    ['a blocked group', { version: 1, groups: [{ group: GROUP_C, remove: [0] }] }, /is not prunable: .*graph output/],
    ['a protected group', { version: 1, protect: ['reluB'], groups: [{ group: GROUP_B, remove: [0] }] }, /touches a protected node/],
  ];
  for (const [name, plan, message] of cases) {
    it(`refuses ${name} with ENGINE_ERR_PLAN_INVALID`, async () => {
      expect((await expectEngineErrorAsync(resolvePlan(model, plan, { analysis }), EngineErrorCode.PlanInvalid)).message).toMatch(message);
    });
  }

  it('takes the indices as given (sorted, deduplicated), in the model’s group order', async () => {
    const r = await resolvePlan(model, { version: 1, groups: [{ group: GROUP_B, remove: [3, 1, 3] }, { group: GROUP_A, remove: [] }] });
    expect(r.removals).toEqual([{ group: GROUP_B, channels: [1, 3] }]);
  });
});

describe('resolvePlan: layer ratios', () => {
  it('accepts group ids and root node labels, and skips a named blocked group with a note', async () => {
    const r = await resolvePlan(model, { version: 1, layerRatios: { convA: 0.5, [GROUP_B]: 0.25, [GROUP_C]: 0.5 } }, { analysis, importance: { l1: preset({}) } });
    expect(r.removals).toEqual([
      { group: GROUP_A, channels: range(0, 8) },
      { group: GROUP_B, channels: range(0, 3) },
    ]);
    expect(r.notes.join('\n')).toMatch(/Group 'y:1' \(root convC\) is not prunable and was skipped/);
  });

  it('refuses unknown keys and a group named twice', async () => {
    await expectEngineErrorAsync(resolvePlan(model, { version: 1, layerRatios: { nothing: 0.5 } }, { analysis }), EngineErrorCode.PlanInvalid);
    await expectEngineErrorAsync(resolvePlan(model, { version: 1, layerRatios: { convA: 0.5, [GROUP_A]: 0.2 } }, { analysis }), EngineErrorCode.PlanInvalid);
  });
});

describe('resolvePlan: dropped blocks', () => {
  const residual = residualModel();

  it('checks block ids against the model’s residual blocks', async () => {
    const error = await expectEngineErrorAsync(resolvePlan(residual, { version: 1, ratio: 0.5, dropBlocks: ['block:x'] }), EngineErrorCode.PlanInvalid);
    expect(error.message).toMatch(/'block:x', which is not a residual block of this model; expected one of 'block:add'/);
  });

  it('leaves alone groups that vanish with a dropped block, and keeps the rest', async () => {
    const plain = await resolvePlan(residual, { version: 1, ratio: 0.5 });
    expect(plain.removals.map((x) => x.group)).toEqual(['a:1', 'b:1']);
    const r = await resolvePlan(residual, { version: 1, ratio: 0.5, dropBlocks: ['block:add'] });
    expect(r.removals.map((x) => x.group)).toEqual(['a:1']);
    expect(r.dropBlocks).toEqual(['block:add']);
    expect(r.explicit.dropBlocks).toEqual(['block:add']);
    expect(r.notes.join('\n')).toMatch(/1 group\(s\) vanish or change when the dropped blocks go, and were left alone: b:1/);
    await expectEngineErrorAsync(
      resolvePlan(residual, { version: 1, dropBlocks: ['block:add'], groups: [{ group: 'b:1', remove: [0] }] }),
      EngineErrorCode.PlanInvalid,
    );
  });
});

describe('checkPlanShape', () => {
  const bad: readonly (readonly [string, PrunePlan])[] = [
    ['no mode', { version: 1 }],
    ['two modes', { version: 1, ratio: 0.5, groups: [] }],
    ['ratio 1', { version: 1, ratio: 1 }],
    ['a negative ratio', { version: 1, ratio: -0.1 }],
    ['global without ratio', { version: 1, groups: [], global: true }],
    ['roundTo 0', { version: 1, ratio: 0.5, roundTo: 0 }],
    ['a fractional index', { version: 1, groups: [{ group: GROUP_A, remove: [0.5] }] }],
    ['a layer ratio of 1.5', { version: 1, layerRatios: { convA: 1.5 } }],
  ];
  for (const [name, plan] of bad) {
    it(`refuses ${name}`, () => {
      expectEngineError(() => { checkPlanShape(plan); }, EngineErrorCode.PlanInvalid);
    });
  }

  it('refuses taylor as a plan criterion (reserved for W6)', () => {
    const plan = { version: 1, ratio: 0.5, criterion: 'taylor' } as unknown as PrunePlan;
    expect(expectEngineError(() => { checkPlanShape(plan); }, EngineErrorCode.PlanInvalid).message).toMatch(/not one of l1, l2, bn, activation, random/);
  });
});

describe('resolvePlan: groups that merge several producers through Concat', () => {
  const model = densenetFixture.build();
  const analysis = buildDependencyGroups(model);
  const merged = analysis.groups.find((g) => g.blocks.length === 0 && g.sources.length > 1);

  it('finds such a group in the DenseNet-style fixture', () => {
    expect(merged?.sources.length).toBeGreaterThan(1);
  });

  it.each([
    ['per-group ratio with roundTo 8', { version: 1, ratio: 0.5, roundTo: 8 }],
    ['per-group ratio 0.999', { version: 1, ratio: 0.999 }],
    ['global ratio 0.9', { version: 1, ratio: 0.9, global: true }],
  ] as const)('keeps channels of every producer (%s), so applyPruning accepts the result', async (_name, plan: PrunePlan) => {
    const resolved = await resolvePlan(model, plan, { analysis });
    const removal = resolved.removals.find((r) => r.group === merged?.id);
    expect(removal?.channels.length ?? 0).toBeGreaterThan(0);
    const { report } = applyPruning(model, resolved.removals, { analysis });
    expect(report.channelsRemoved).toBe(resolved.removals.reduce((s, r) => s + r.channels.length, 0));
  });
});
