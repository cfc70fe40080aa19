/** Checks a list of `GroupRemoval`s against a model's dependency groups and resolves them to groups. */
import { EngineError, EngineErrorCode } from '../errors.ts';
import { keptIndices } from '../groups/build-groups.ts';
import { dimKey } from '../groups/dim-ref.ts';
import type { DependencyGroup, GroupAnalysis } from '../groups/types.ts';
import type { GraphIndex } from '../ir/graph-index.ts';
import type { GroupRemoval } from './types.ts';

/**
 * One group that loses channels: the group and the channel indices (into `group.channels`) it loses.
 * @internal
 */
export interface ResolvedRemoval {
  readonly group: DependencyGroup;
  /** Ascending, distinct, non-empty, never every channel. */
  readonly removed: readonly number[];
}

const KEEP_ONE = 'a group must keep at least one channel';

function listIds(analysis: GroupAnalysis): string {
  const ids = analysis.groups.map((g) => `'${g.id}'`);
  return ids.length === 0 ? 'the model has no dependency groups' : `expected one of ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? `, … (${String(ids.length)} groups)` : ''}`;
}

/**
 * Resolves `removals` against `analysis`.
 *
 * Pre-conditions: `analysis` was built for the model the removals will be applied to.
 * Post-conditions: one entry per removal with a non-empty channel list, in the order given; duplicate channel
 * indices are merged. Entries with an empty channel list only have their group id checked.
 *
 * @throws EngineError `ENGINE_ERR_PLAN_MISMATCH` when a group id is not a group of the model (a plan made for
 *   another model); `ENGINE_ERR_PLAN_INVALID` when a group is listed twice, a channel index is not an integer in
 *   range, the group is blocked (with its reasons), or the removal would leave the group — or any of its member
 *   dims — without a channel.
 * @internal
 */
export function resolveRemovals(analysis: GroupAnalysis, removals: readonly GroupRemoval[]): ResolvedRemoval[] {
  const byId = new Map(analysis.groups.map((g) => [g.id, g]));
  const seen = new Set<string>();
  const out: ResolvedRemoval[] = [];
  for (const removal of removals) {
    const group = byId.get(removal.group);
    if (group === undefined) {
      throw new EngineError(
        EngineErrorCode.PlanMismatch,
        `Group '${removal.group}' is not a dependency group of this model; ${listIds(analysis)}. Was the plan made for another model?`,
        removal.group,
      );
    }
    if (seen.has(group.id)) {
      throw new EngineError(EngineErrorCode.PlanInvalid, `Group '${group.id}' is listed twice; expected each group at most once.`, group.id);
    }
    seen.add(group.id);
    if (removal.channels.length === 0) continue;
    out.push({ group, removed: checkChannels(group, removal.channels) });
  }
  return out;
}

/**
 * Validates the channel list of one removal and returns it sorted and deduplicated.
 * @internal
 */
export function checkChannels(group: DependencyGroup, channels: readonly number[]): number[] {
  if (group.blocks.length > 0) {
    const reasons = [...new Set(group.blocks.map((b) => b.reason))];
    throw new EngineError(
      EngineErrorCode.PlanInvalid,
      `Group '${group.id}' cannot be pruned: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? ` (and ${String(reasons.length - 3)} more)` : ''}.`,
      group.id,
    );
  }
  const count = group.channels.length;
  for (const c of channels) {
    if (!Number.isInteger(c) || c < 0 || c >= count) {
      throw new EngineError(
        EngineErrorCode.PlanInvalid,
        `Group '${group.id}' has channels 0..${String(count - 1)}; found channel ${String(c)}.`,
        group.id,
      );
    }
  }
  const removed = [...new Set(channels)].sort((a, b) => a - b);
  if (removed.length >= count) {
    throw new EngineError(
      EngineErrorCode.PlanInvalid,
      `Group '${group.id}': ${KEEP_ONE}; the plan removes all ${String(count)}.`,
      group.id,
    );
  }
  const kept = keptIndices(group, new Set(removed));
  for (const m of group.members) {
    if ((kept.get(dimKey(m.dim))?.length ?? 0) === 0) {
      throw new EngineError(
        EngineErrorCode.PlanInvalid,
        `Group '${group.id}': ${KEEP_ONE} in every member; the plan leaves ${dimKey(m.dim)} with none of its ${String(m.size)}.`,
        group.id,
      );
    }
  }
  return removed;
}

/**
 * Checks that the groups of `resolved` describe the graph indexed by `index` (an analysis passed in by a caller may
 * have been built for another model): every member dim's value exists and every weight slice names a constant.
 * @throws EngineError `ENGINE_ERR_PLAN_MISMATCH` naming the first value or tensor the graph lacks.
 * @internal
 */
export function checkRemovalsFit(index: GraphIndex, resolved: readonly ResolvedRemoval[]): void {
  const exists = (v: string): boolean => index.producer.has(v) || index.graphInputs.has(v) || index.constants.has(v);
  for (const { group } of resolved) {
    const missing = group.members.find((m) => !exists(m.dim.value))?.dim.value ?? group.params.find((p) => !index.constants.has(p.tensor))?.tensor;
    if (missing !== undefined) {
      throw new EngineError(
        EngineErrorCode.PlanMismatch,
        `Group '${group.id}' names '${missing}', which this model does not have; expected the group analysis of this model.`,
        group.id,
      );
    }
  }
}
