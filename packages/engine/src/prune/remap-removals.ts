/** Carries resolved removals over to the groups of a model that had residual blocks dropped. */
import { EngineError, EngineErrorCode } from '../errors.ts';
import { dimKey } from '../groups/dim-ref.ts';
import type { DependencyGroup, GroupAnalysis } from '../groups/types.ts';
import { checkChannels, type ResolvedRemoval } from './resolve-removals.ts';

/** For each channel: the indices it covers in the group's first source dim (the dim its id names). */
function sourceIndices(group: DependencyGroup): string[] {
  const member = group.members.findIndex((m) => dimKey(m.dim) === group.id);
  return group.channels.map((cls) => (cls.get(member) ?? []).join(','));
}

/**
 * Re-resolves `resolved` (made against a model's groups) against `analysis`, the groups of the same model after
 * `dropped` blocks were removed. A group keeps its id (its first source dim) when its source survives; its channel
 * c must still cover the same indices of that source, so that the plan's indices keep their meaning.
 *
 * @throws EngineError `ENGINE_ERR_PLAN_MISMATCH` when a group vanished with a dropped body or its channels changed
 *   meaning; `ENGINE_ERR_PLAN_INVALID` when the removal is no longer valid on the smaller group.
 * @internal
 */
export function remapRemovals(resolved: readonly ResolvedRemoval[], analysis: GroupAnalysis, dropped: readonly string[]): ResolvedRemoval[] {
  const byId = new Map(analysis.groups.map((g) => [g.id, g]));
  const blocks = dropped.map((b) => `'${b}'`).join(', ');
  return resolved.map(({ group, removed }) => {
    const next = byId.get(group.id);
    if (next === undefined) {
      throw new EngineError(
        EngineErrorCode.PlanMismatch,
        `Group '${group.id}' no longer exists once blocks ${blocks} are dropped (its channels are inside a dropped body); ` +
          'expected the plan to prune only groups that survive the dropped blocks.',
        group.id,
      );
    }
    const before = sourceIndices(group);
    const after = sourceIndices(next);
    if (before.length !== after.length || before.some((s, i) => s !== after[i])) {
      throw new EngineError(
        EngineErrorCode.PlanMismatch,
        `Group '${group.id}' changes when blocks ${blocks} are dropped (${String(before.length)} channels before, ${String(after.length)} after); ` +
          'expected its channels to keep their meaning. Plan the removal on the model without those blocks.',
        group.id,
      );
    }
    return { group: next, removed: checkChannels(next, removed) };
  });
}
