/**
 * Hard ≡ soft checks for the prune handlers' `couple` and `rewrite`: the engine's pruner (`applyPruning`: slices every
 * weight slice, calls each touched node's `rewrite`, cleans up, re-validates) against its soft twin (`maskPruning`:
 * the same channels zeroed in every weight slice of the group, producers' rows and consumers' columns alike, so the
 * removed channels contribute nothing even through ops that do not map 0 → 0). Any difference in onnxruntime is a
 * coupling or rewrite error.
 */
import { expect } from 'vitest';
import type { DependencyGroup } from '../../src/groups/types.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { applyPruning } from '../../src/prune/apply-pruning.ts';
import { maskPruning } from '../../src/prune/mask.ts';
import type { GroupRemoval } from '../../src/prune/types.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { expectTensorsClose } from '../helpers/expect-tensors-close.ts';
import { runBytes } from '../helpers/run-model.ts';

/** Channels of one group to remove. */
export interface Removal {
  readonly group: DependencyGroup;
  readonly channels: readonly number[];
}

function byId(removals: readonly Removal[]): GroupRemoval[] {
  return removals.map((r) => ({ group: r.group.id, channels: r.channels }));
}

export function hardPrune(model: IrModel, removals: readonly Removal[]): IrModel {
  return applyPruning(model, byId(removals)).model;
}

export function softPrune(model: IrModel, removals: readonly Removal[]): IrModel {
  return maskPruning(model, byId(removals), { zero: 'group' });
}

/** Runs the hard- and soft-pruned models in onnxruntime and expects every output to agree. */
export async function expectHardEqualsSoftAll(model: IrModel, removals: readonly Removal[], feeds: Readonly<Record<string, HostTensor>>): Promise<void> {
  for (const { group } of removals) expect(group.blocks, group.id).toEqual([]);
  const hard = await runBytes(writeModel(hardPrune(model, removals)), feeds);
  const soft = await runBytes(writeModel(softPrune(model, removals)), feeds);
  expect(Object.keys(hard).sort()).toEqual(Object.keys(soft).sort());
  for (const [name, tensor] of Object.entries(soft)) {
    const actual = hard[name];
    expect(actual, name).toBeDefined();
    if (actual !== undefined) expectTensorsClose(actual, tensor);
  }
}

/** `expectHardEqualsSoftAll` for one group. */
export async function expectHardEqualsSoft(model: IrModel, group: DependencyGroup, channels: readonly number[], feeds: Readonly<Record<string, HostTensor>>): Promise<void> {
  await expectHardEqualsSoftAll(model, [{ group, channels }], feeds);
}
