/**
 * The pruning selection → channel counts, estimates, warnings and a prune plan. Pure: everything the pruning header
 * shows is computed here and unit-tested. Counts follow the engine's rules (⌊ratio × channels⌋, keep ≥ 1, `roundTo`,
 * blocked/protected groups skipped) per group; the engine applies ratios per producer when a group merges several
 * through a Concat, so figures here are ESTIMATES until the prune job reports its measured result.
 */
import { removalAtRatio } from '@whittle/engine';
import { prunePlanSchema, type GroupsReport, type PrunePlanDocument } from '@whittle/shared';
import type { GroupRow } from './groups-index.ts';

/** What the user chose in pruning mode. Protect holds node labels; drop holds residual block ids. @public */
export interface PruneSelection {
  readonly globalRatio: number;
  readonly groupRatios: ReadonlyMap<string, number>;
  readonly protect: ReadonlySet<string>;
  readonly dropBlocks: ReadonlySet<string>;
  /** Keep channel counts at multiples of 8 (`roundTo: 8`). */
  readonly roundTo8: boolean;
}

/** @public */
export const EMPTY_SELECTION: PruneSelection = { globalRatio: 0, groupRatios: new Map(), protect: new Set(), dropBlocks: new Set(), roundTo8: false };

/** ORT's NCHWc convolution kernels work in blocks of 8 channels (docs/benchmarks.md). @public */
export const CHANNEL_MULTIPLE = 8;

/** @public */
export type SkipReason = 'blocked' | 'protected' | 'dropped' | 'too-small';

/** One group's channel count before and after the selection. @public */
export interface GroupOutcome {
  readonly id: string;
  readonly root: string;
  readonly ratio: number;
  readonly before: number;
  readonly after: number;
  readonly skipped: SkipReason | null;
  /** The count changed and is no longer a multiple of 8. */
  readonly offMultiple: boolean;
}

/** The ratio the selection gives a group (its own, else the global one). @public */
export function ratioOf(selection: PruneSelection, groupId: string): number {
  return selection.groupRatios.get(groupId) ?? selection.globalRatio;
}

/** Whether `after` channels fall off the multiple-of-8 grid through pruning. @public */
export function fallsOffMultiple(before: number, after: number, multiple = CHANNEL_MULTIPLE): boolean {
  return after !== before && after % multiple !== 0;
}

function skipReason(group: GroupRow, selection: PruneSelection, dropped: ReadonlySet<string>, roundTo: number | undefined): SkipReason | null {
  if (!group.prunable) return 'blocked';
  if (group.nodes.some((n) => selection.protect.has(n))) return 'protected';
  if (dropped.has(group.root)) return 'dropped';
  if (group.channels < 2 || (roundTo !== undefined && group.channels < roundTo)) return 'too-small';
  return null;
}

/** Before/after counts of every group the selection gives a ratio > 0. @public */
export function groupOutcomes(report: GroupsReport, selection: PruneSelection): GroupOutcome[] {
  const roundTo = selection.roundTo8 ? CHANNEL_MULTIPLE : undefined;
  const dropped = new Set(report.blocks.filter((b) => selection.dropBlocks.has(b.id)).flatMap((b) => [...b.nodes, b.add]));
  const outcomes: GroupOutcome[] = [];
  for (const group of report.groups) {
    const ratio = ratioOf(selection, group.id);
    if (ratio <= 0) continue;
    const skipped = skipReason(group, selection, dropped, roundTo);
    const removed = skipped === null ? removalAtRatio(group.channels, ratio, roundTo) : 0;
    const after = group.channels - removed;
    outcomes.push({ id: group.id, root: group.root, ratio, before: group.channels, after, skipped, offMultiple: fallsOffMultiple(group.channels, after) });
  }
  return outcomes;
}

/**
 * Parameters removed (ESTIMATE): each pruned group's parameter slices shrink by the removed fraction of its channels,
 * plus the bodies of dropped residual blocks. Overlaps (a group inside a dropped block) are not subtracted twice
 * because groups whose root is dropped are skipped.
 * @param shapeOf - value name → dims (weights' shapes from the graph view); unknown shapes count 0.
 * @public
 */
export function paramsRemovedEstimate(
  report: GroupsReport,
  outcomes: readonly GroupOutcome[],
  selection: PruneSelection,
  shapeOf: (value: string) => readonly (string | number)[] | null | undefined,
): number {
  const byId = new Map(report.groups.map((g) => [g.id, g]));
  let removed = 0;
  for (const outcome of outcomes) {
    const group = byId.get(outcome.id);
    if (group === undefined || outcome.after === outcome.before) continue;
    const fraction = (outcome.before - outcome.after) / outcome.before;
    const params = new Set(group.members.filter((m) => m.side === 'param').map((m) => m.value));
    for (const value of params) {
      const shape = shapeOf(value);
      if (shape?.every((d): d is number => typeof d === 'number') !== true) continue;
      removed += Math.round(shape.reduce((a, b) => a * b, 1) * fraction);
    }
  }
  for (const block of report.blocks) if (selection.dropBlocks.has(block.id)) removed += block.params;
  return removed;
}

/** A plan's model fingerprint, when the report's fingerprint has the form plans accept. */
function modelOf(report: GroupsReport): { fingerprint: string } | undefined {
  return /^fnv1a64:[0-9a-f]{16}$/.test(report.fingerprint) ? { fingerprint: report.fingerprint } : undefined;
}

/** Whether the selection removes anything at all (a plan that prunes nothing is not worth a job). @public */
export function selectionIsEmpty(selection: PruneSelection): boolean {
  return selection.globalRatio <= 0 && [...selection.groupRatios.values()].every((r) => r <= 0) && selection.dropBlocks.size === 0;
}

/**
 * The prune plan for the selection, validated with the shared `prunePlanSchema` (a malformed plan throws here, not
 * in the job). One global ratio → `ratio`; any per-group ratio → `layerRatios` for every prunable group with a
 * ratio > 0 (its own or the global one). Pinned to the model's fingerprint so it cannot be applied to another model.
 * @public
 */
export function buildPlan(report: GroupsReport, selection: PruneSelection): PrunePlanDocument {
  const model = modelOf(report);
  const layerRatios: Record<string, number> = {};
  for (const group of report.groups) {
    const ratio = ratioOf(selection, group.id);
    if (group.prunable && ratio > 0) layerRatios[group.id] = ratio;
  }
  const useLayers = selection.groupRatios.size > 0 && Object.keys(layerRatios).length > 0;
  return prunePlanSchema.parse({
    version: 1,
    ...(model !== undefined && { model }),
    ...(selection.roundTo8 && { roundTo: CHANNEL_MULTIPLE }),
    ...(selection.protect.size > 0 && { protect: [...selection.protect].sort() }),
    ...(selection.dropBlocks.size > 0 && { dropBlocks: [...selection.dropBlocks].sort() }),
    ...(useLayers ? { layerRatios } : { ratio: selection.groupRatios.size > 0 ? 0 : selection.globalRatio }),
  });
}
