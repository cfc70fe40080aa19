/**
 * Per-channel importance for the groups report: the engine's `l1` scores (what plans rank by by default), divided by
 * the group's largest so the UI can draw bars without knowing weight scales. Weight-only: no runtime, no data.
 */
import { createImportanceContext, l1Scores, sourcePartitions, type DependencyGroup, type IrModel } from '@whittle/engine';
import type { ChannelImportance } from '@whittle/shared';

/** `raw` divided by its largest finite entry; non-finite entries become 1 (plans rank them as most important). */
function normalized(raw: Float64Array): number[] {
  let max = 0;
  for (const s of raw) if (Number.isFinite(s) && s > max) max = s;
  return Array.from(raw, (s) => (!Number.isFinite(s) ? 1 : max > 0 ? Math.min(1, s / max) : 0));
}

/** Normalized L1 importance of every prunable group of `groups` (blocked groups have none). */
export function groupImportances(model: IrModel, groups: readonly DependencyGroup[]): Map<DependencyGroup, ChannelImportance> {
  const prunable = groups.filter((g) => g.blocks.length === 0 && g.channels.length > 0);
  const out = new Map<DependencyGroup, ChannelImportance>();
  if (prunable.length === 0) return out;
  // One context for all groups: it caches each weight's per-axis sums, which several groups share.
  const { ctx } = createImportanceContext(model, groups);
  for (const group of prunable) {
    const parts = sourcePartitions(group);
    out.set(group, { criterion: 'l1', scores: normalized(l1Scores(group, ctx)), ...(parts.length > 1 && { parts }) });
  }
  return out;
}
