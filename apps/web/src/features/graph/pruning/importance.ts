/**
 * Channel importance bars: which channels of a group a ratio removes, by the scores in the groups report. The
 * engine's own rule (`lowestAtRatio`, what the plan resolver does for criterion l1): per part (one per source layer),
 * ⌊ratio × n⌋ channels, `roundTo`, keep ≥ 1, lowest score first and ties by index. Pure and unit-tested.
 */
import type { ChannelImportance, GroupsReport } from '@whittle/shared';
import { lowestAtRatio } from '@whittle/engine';
import { CHANNEL_MULTIPLE, groupOutcomes, type PruneSelection } from './plan.ts';

/** One bar: a channel class, its normalized score and whether the ratio removes it. @public */
export interface ChannelBar {
  readonly channel: number;
  readonly score: number;
  readonly removed: boolean;
}

/** @public */
export type BarOrder = 'sorted' | 'index';

/** The channels `ratio` removes from a group with these scores (none when `ratio` ≤ 0). @public */
export function removedChannels(importance: ChannelImportance, ratio: number, roundTo: number | undefined): Set<number> {
  const { scores } = importance;
  const parts = importance.parts ?? [scores.map((_, i) => i)];
  const removed = new Set<number>();
  if (ratio <= 0) return removed;
  for (const part of parts) {
    for (const i of lowestAtRatio(part.map((c) => scores[c] ?? 0), ratio, roundTo)) removed.add(part[i] ?? 0);
  }
  return removed;
}

/** Bars in channel order, or lowest score first (ties by index: the order plans remove in). @public */
export function importanceBars(importance: ChannelImportance, removed: ReadonlySet<number>, order: BarOrder): ChannelBar[] {
  const bars = importance.scores.map((score, channel) => ({ channel, score, removed: removed.has(channel) }));
  return order === 'index' ? bars : bars.sort((a, b) => a.score - b.score || a.channel - b.channel);
}

/**
 * The channels the selection removes from group `groupId`: none when it has no scores, no ratio, or is skipped
 * (blocked, protected, in a dropped block, too small), as the prune job would.
 * @public
 */
export function selectionRemoves(report: GroupsReport, selection: PruneSelection, groupId: string): Set<number> {
  const group = report.groups.find((g) => g.id === groupId);
  const outcome = groupOutcomes(report, selection).find((o) => o.id === groupId);
  if (group?.importance === undefined || outcome === undefined || outcome.skipped !== null) return new Set();
  return removedChannels(group.importance, outcome.ratio, selection.roundTo8 ? CHANNEL_MULTIPLE : undefined);
}
