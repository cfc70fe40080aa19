/**
 * Plan resolution: turns a prune plan (explicit indices, per-group ratios or one ratio) into explicit channel
 * removals for `applyPruning`. Resolution is deterministic: the same plan on the same model gives the same removals
 * (importance ties break by channel index, groups keep the model's order, `random` is seeded per group).
 */
import { EngineError, EngineErrorCode } from '../errors.ts';
import { buildDependencyGroups } from '../groups/build-groups.ts';
import { dimKey } from '../groups/dim-ref.ts';
import type { DependencyGroup, GroupAnalysis } from '../groups/types.ts';
import { createImportanceContext } from '../importance/context.ts';
import { IMPORTANCE, PRUNE_CRITERIA, type ImportanceName, type PruneCriterion } from '../importance/registry.ts';
import type { CalibrationSource, Importance } from '../importance/types.ts';
import { nodeLabel } from '../ir/attributes.ts';
import { modelFingerprint } from '../ir/fingerprint.ts';
import type { IrModel } from '../ir/types.ts';
import type { InferenceRuntime } from '../runtime/inference-runtime.ts';
import { inferShapes } from '../shape/infer.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import type { PlanGroupEntry, PrunePlan, ResolvedPlan } from './plan-types.ts';
import { findResidualBlocks, removeBlocks } from './residual-blocks.ts';
import type { GroupRemoval, ResidualBlock } from './types.ts';
import { sourcePartitions } from './source-partitions.ts';
import { inputShapesOf } from './verify-result.ts';

/** What plan resolution may use besides the model and the plan. @public */
export interface ResolvePlanContext {
  /** Groups of the model (default: `buildDependencyGroups(model, { shapes })`). */
  readonly analysis?: GroupAnalysis;
  readonly shapes?: ShapeInferenceResult;
  /** Residual blocks of the model (default: `findResidualBlocks(model, shapes)` when the plan drops blocks). */
  readonly blocks?: readonly ResidualBlock[];
  /** Runs calibration batches for the `activation` criterion. */
  readonly runtime?: InferenceRuntime;
  /** Calibration batches for `activation`; seeded random inputs (labelled so) when absent. */
  readonly calibration?: CalibrationSource;
  /** Concrete input dims for synthetic calibration. */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  /** Replaces built-in strategies by name (tests, experiments). */
  readonly importance?: Partial<Readonly<Record<ImportanceName, Importance>>>;
  readonly signal?: { readonly aborted: boolean };
}

/** Guard against 0.29 × 100 = 28.999…: ratios are decimal fractions. */
const EPS = 1e-9;

function invalid(message: string, at?: string): never {
  throw new EngineError(EngineErrorCode.PlanInvalid, message, at);
}

function isFraction(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1;
}

/**
 * Checks what a JSON schema checks, for callers that did not parse the plan with `prunePlanSchema` (the engine
 * cannot depend on `@whittle/shared`). @throws EngineError `ENGINE_ERR_PLAN_INVALID`
 */
export function checkPlanShape(plan: PrunePlan): void {
  if ((plan.version as number) !== 1) invalid(`Plan version ${String(plan.version)} is not supported; expected 1.`);
  const modes = [plan.groups !== undefined && 'groups', plan.layerRatios !== undefined && 'layerRatios', plan.ratio !== undefined && 'ratio'].filter(
    (m): m is string => m !== false,
  );
  if (modes.length !== 1) {
    invalid(`A plan needs exactly one of groups, layerRatios or ratio; found ${modes.length === 0 ? 'none' : modes.join(' and ')}.`);
  }
  if (plan.global !== undefined && plan.ratio === undefined) invalid('"global" applies only with "ratio".');
  if (plan.criterion !== undefined && !(PRUNE_CRITERIA as readonly string[]).includes(plan.criterion)) {
    invalid(`Criterion '${plan.criterion}' is not one of ${PRUNE_CRITERIA.join(', ')}.`);
  }
  if (plan.ratio !== undefined && !isFraction(plan.ratio)) invalid(`"ratio" is ${String(plan.ratio)}; expected a number in [0, 1).`);
  if (plan.roundTo !== undefined && !(Number.isSafeInteger(plan.roundTo) && plan.roundTo >= 1)) {
    invalid(`"roundTo" is ${String(plan.roundTo)}; expected a positive integer.`);
  }
  if (plan.seed !== undefined && !Number.isSafeInteger(plan.seed)) invalid(`"seed" is ${String(plan.seed)}; expected an integer.`);
  for (const [key, r] of Object.entries(plan.layerRatios ?? {})) {
    if (!isFraction(r)) invalid(`layerRatios['${key}'] is ${String(r)}; expected a number in [0, 1).`, key);
  }
  for (const entry of plan.groups ?? []) {
    for (const i of entry.remove) {
      if (!Number.isSafeInteger(i) || i < 0) invalid(`Group '${entry.group}' lists channel ${String(i)}; expected non-negative integers.`, entry.group);
    }
  }
}

/** Channels to remove from a group of `channels` when `k` were asked for, kept at a multiple of `roundTo`. */
export function roundRemoval(channels: number, k: number, roundTo: number | undefined): number {
  const asked = Math.min(Math.max(0, k), channels - 1);
  if (roundTo === undefined || roundTo <= 1 || asked <= 0) return Math.max(0, asked);
  if (channels < roundTo) return 0;
  // Round the kept count up to the next multiple (remove at most what was asked), never below roundTo.
  const kept = Math.max(roundTo, Math.ceil((channels - asked) / roundTo) * roundTo);
  return kept >= channels ? 0 : channels - kept;
}

/**
 * How many of `channels` a ratio removes: ⌊ratio × channels⌋ (guarded against 0.29 × 100 = 28.999…), the kept count
 * at a multiple of `roundTo`, never all. The web app's pruning mode counts with this too, so it shows what a plan does.
 * @public
 */
export function removalAtRatio(channels: number, ratio: number, roundTo: number | undefined): number {
  return roundRemoval(channels, Math.floor(ratio * channels + EPS), roundTo);
}

/** The channels (indices into `scores`, ascending) a ratio removes from one part: the lowest scores, ties by index. @public */
export function lowestAtRatio(scores: ArrayLike<number>, ratio: number, roundTo: number | undefined): number[] {
  return lowest(Float64Array.from(scores), removalAtRatio(scores.length, ratio, roundTo));
}

/** Indices of the `k` lowest scores, ties broken by index; returned ascending. */
function lowest(scores: Float64Array, k: number): number[] {
  const order = Array.from(scores, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0) || a - b);
  return order.slice(0, k).sort((a, b) => a - b);
}

function sanitize(scores: Float64Array, group: DependencyGroup, note: (m: string, s?: string) => void): Float64Array {
  if (scores.length !== group.channels.length) {
    throw new EngineError(
      EngineErrorCode.PlanInvalid,
      `Importance returned ${String(scores.length)} scores for group '${group.id}'; expected ${String(group.channels.length)}.`,
      group.id,
    );
  }
  const out = scores.map((s) => (Number.isFinite(s) ? s : Number.POSITIVE_INFINITY));
  if (out.some((s, i) => s !== scores[i])) note('non-finite importance scores (NaN or infinite weights) were ranked as most important, so never removed', group.id);
  return out;
}

/** Describes why a group is not prunable, in one line. */
function blockSummary(group: DependencyGroup): string {
  const reasons = [...new Set(group.blocks.map((b) => b.reason))];
  return `${reasons.slice(0, 2).join('; ')}${reasons.length > 2 ? `; … (${String(reasons.length)} reasons)` : ''}`;
}

interface Selection {
  readonly group: DependencyGroup;
  readonly channels: readonly number[];
}

/**
 * Resolves `plan` against `model` into explicit removals.
 *
 * - `groups`: the given indices, checked (known group, prunable, not protected, in range, not every channel).
 * - `layerRatios` / `ratio`: per group, the ⌊ratio × channels⌋ lowest-importance channels (never all: at least one
 *   stays, so 0.999 keeps ≥ 1), then `roundTo`.
 * - `ratio` with `global`: every channel of every eligible group ranked together by its score divided by its
 *   group's mean score — the 'mean' group normalisation Torch-Pruning applies before global pruning (its
 *   `GroupMagnitudeImportance(normalizer='mean')` with `global_pruning=True`; Fang et al., DepGraph, CVPR 2023) — and
 *   the lowest removed until ⌊ratio × total⌋ channels go, each group keeping at least one channel (or `roundTo`).
 * - `roundTo` N: a group's kept count is rounded up to a multiple of N (so at most the asked number is removed), never
 *   below N; groups with fewer than N channels are left alone.
 * - Ratios, `roundTo` and the keep-one rule apply per producer when a group merges several through a Concat
 *   (`sourcePartitions`), so every Conv keeps channels and its own count is rounded.
 * - Blocked groups, protected groups (any node in `protect` is touched) and groups that vanish with a dropped block
 *   are skipped, each with a note.
 *
 * @throws EngineError `ENGINE_ERR_PLAN_MISMATCH` when the plan's fingerprint is not the model's (or, without a
 *   fingerprint, when it names groups the model lacks); `ENGINE_ERR_PLAN_INVALID` for malformed plans, unknown node
 *   labels, blocks or layer keys, and explicit removals that are not allowed.
 * @public
 */
export async function resolvePlan(model: IrModel, plan: PrunePlan, ctx: ResolvePlanContext = {}): Promise<ResolvedPlan> {
  checkPlanShape(plan);
  const fingerprint = modelFingerprint(model);
  if (plan.model !== undefined && plan.model.fingerprint !== fingerprint) {
    throw new EngineError(
      EngineErrorCode.PlanMismatch,
      `This plan was made for model ${plan.model.fingerprint} but this model is ${fingerprint}; make a new plan for this model.`,
    );
  }
  const shapes = ctx.shapes ?? inferShapes(model);
  const analysis = ctx.analysis ?? buildDependencyGroups(model, { shapes });
  const groups = analysis.groups;
  const notes: string[] = [];

  const labels = new Set(model.graph.nodes.map(nodeLabel));
  const protect = new Set(plan.protect ?? []);
  for (const label of protect) {
    if (!labels.has(label)) invalid(`"protect" names '${label}', which is not a node of this model.`, label);
  }
  const dropBlocks = [...new Set(plan.dropBlocks ?? [])];
  const vanishes = dropBlocks.length === 0 ? () => false : survivorCheck(model, shapes, dropBlocks, ctx.blocks ?? findResidualBlocks(model, shapes));
  const isProtected = (g: DependencyGroup): boolean => g.nodes.some((n) => protect.has(n));

  let selections: Selection[];
  if (plan.groups !== undefined) {
    if (plan.roundTo !== undefined) notes.push('roundTo does not apply to explicit groups: their indices are used as given.');
    selections = explicitSelections(groups, plan.groups, { fingerprintMatched: plan.model !== undefined, isProtected, vanishes });
  } else {
    const criterion: PruneCriterion = plan.criterion ?? 'l1';
    const strategy = ctx.importance?.[criterion] ?? IMPORTANCE[criterion];
    const session = createImportanceContext(model, groups, {
      seed: plan.seed ?? 0,
      ...(ctx.runtime !== undefined && { runtime: ctx.runtime }),
      ...(ctx.calibration !== undefined && { calibration: ctx.calibration }),
      ...(ctx.inputShapes !== undefined && { inputShapes: ctx.inputShapes }),
      ...(ctx.signal !== undefined && { signal: ctx.signal }),
    });
    const ratios = targetRatios(groups, plan);
    const skipped = { blocked: [] as DependencyGroup[], protected: [] as DependencyGroup[], vanished: [] as DependencyGroup[], small: [] as DependencyGroup[] };
    const eligible: { group: DependencyGroup; ratio: number }[] = [];
    for (const { group, ratio, named } of ratios) {
      if (group.blocks.length > 0) {
        if (named) notes.push(`Group '${group.id}' (root ${group.root}) is not prunable and was skipped: ${blockSummary(group)}.`);
        else skipped.blocked.push(group);
      } else if (isProtected(group)) skipped.protected.push(group);
      else if (vanishes(group)) skipped.vanished.push(group);
      else if (group.channels.length < 2 || (plan.roundTo !== undefined && plan.roundTo > 1 && group.channels.length < plan.roundTo)) skipped.small.push(group);
      else eligible.push({ group, ratio });
    }
    const scores = new Map<DependencyGroup, Float64Array>();
    for (const { group } of eligible) {
      if (ctx.signal?.aborted === true) throw new EngineError(EngineErrorCode.Aborted, 'Plan resolution was cancelled.');
      scores.set(group, sanitize(await strategy(group, session.ctx), group, (m, subject) => {
        session.ctx.note(m, subject);
      }));
    }
    selections =
      plan.ratio !== undefined && plan.global === true
        ? globalSelections(eligible.map((e) => e.group), scores, plan.ratio, plan.roundTo, notes)
        : eligible.map(({ group, ratio }) => {
            const groupScores = scores.get(group) ?? new Float64Array(group.channels.length);
            const channels = sourcePartitions(group).flatMap((part) =>
              lowestAtRatio(Float64Array.from(part, (c) => groupScores[c] ?? 0), ratio, plan.roundTo).map((i) => part[i] ?? 0),
            );
            return { group, channels: channels.sort((a, b) => a - b) };
          });
    notes.unshift(criterionNote(criterion, plan));
    if (skipped.blocked.length > 0) {
      notes.push(`${String(skipped.blocked.length)} of ${String(groups.length)} groups are not prunable (an op without a pruning rule, a graph input or output, unknown sizes) and were left alone; 'whittle groups' lists the reasons.`);
    }
    if (skipped.protected.length > 0) notes.push(`Protected nodes kept ${String(skipped.protected.length)} group(s) unpruned: ${skipped.protected.map((g) => g.id).join(', ')}.`);
    if (skipped.vanished.length > 0) notes.push(`${String(skipped.vanished.length)} group(s) vanish or change when the dropped blocks go, and were left alone: ${skipped.vanished.map((g) => g.id).join(', ')}.`);
    if (skipped.small.length > 0) {
      notes.push(
        plan.roundTo !== undefined && plan.roundTo > 1
          ? `${String(skipped.small.length)} group(s) have fewer than ${String(plan.roundTo)} channels (roundTo) or only one, and were left alone.`
          : `${String(skipped.small.length)} group(s) have a single channel and were left alone.`,
      );
    }
    notes.push(...session.notes());
  }

  const removals: GroupRemoval[] = selections.filter((s) => s.channels.length > 0).map((s) => ({ group: s.group.id, channels: s.channels }));
  const explicit: PrunePlan = {
    version: 1,
    model: { fingerprint },
    ...(plan.criterion !== undefined && { criterion: plan.criterion }),
    ...(plan.seed !== undefined && { seed: plan.seed }),
    ...(dropBlocks.length > 0 && { dropBlocks }),
    groups: removals.map((r) => ({ group: r.group, remove: r.channels })),
  };
  return { removals, dropBlocks, notes, explicit };
}

/** For each channel of `group`: the indices it covers in the group's first source dim (the dim its id names). */
function sourceIndices(group: DependencyGroup): string[] {
  const member = group.members.findIndex((m) => dimKey(m.dim) === group.id);
  return group.channels.map((cls) => (cls.get(member) ?? []).join(','));
}

/**
 * Checks `dropBlocks` against the model's residual blocks and returns a test for groups that do not survive the drop
 * unchanged: `applyPruning` drops blocks first and carries each removal over by group id, which needs the group to
 * exist afterwards with channels of the same meaning. Such groups are left alone (with a note) rather than refused.
 */
function survivorCheck(
  model: IrModel,
  shapes: ShapeInferenceResult,
  dropBlocks: readonly string[],
  blocks: readonly ResidualBlock[],
): (g: DependencyGroup) => boolean {
  const known = new Set(blocks.map((b) => b.id));
  for (const id of dropBlocks) {
    if (known.has(id)) continue;
    const list = blocks.map((b) => `'${b.id}'`);
    invalid(
      `"dropBlocks" names '${id}', which is not a residual block of this model; ${list.length === 0 ? 'the model has none' : `expected one of ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}`} ('whittle groups' lists them).`,
      id,
    );
  }
  const reduced = removeBlocks(model, dropBlocks, shapes);
  const after = new Map(buildDependencyGroups(reduced, { shapes: inferShapes(reduced, { inputShapes: inputShapesOf(model, shapes) }) }).groups.map((g) => [g.id, g]));
  return (g) => {
    const next = after.get(g.id);
    if (next === undefined || next.channels.length !== g.channels.length) return true;
    const a = sourceIndices(g);
    const b = sourceIndices(next);
    return a.some((x, i) => x !== b[i]);
  };
}

function criterionNote(criterion: PruneCriterion, plan: PrunePlan): string {
  const mode =
    plan.layerRatios !== undefined
      ? 'per-group ratios'
      : plan.global === true
        ? `global ratio ${String(plan.ratio)}`
        : `ratio ${String(plan.ratio)} in every group`;
  const what: Record<PruneCriterion, string> = {
    l1: 'l1 (Σ|w| over each group, Li et al. 2017 / DepGraph)',
    l2: 'l2 (Σw² over each group)',
    bn: 'bn (Σ|γ| of BatchNorm scales, Liu et al. 2017)',
    activation: 'activation (mean |activation| on calibration batches)',
    random: `random (seed ${String(plan.seed ?? 0)})`,
  };
  return `Channels chosen by ${what[criterion]}, ${mode}${plan.roundTo !== undefined && plan.roundTo > 1 ? `, kept counts rounded to multiples of ${String(plan.roundTo)}` : ''}.`;
}

/** Each group with the ratio the plan gives it; `named` when the plan named it (layerRatios). */
function targetRatios(groups: readonly DependencyGroup[], plan: PrunePlan): { group: DependencyGroup; ratio: number; named: boolean }[] {
  if (plan.ratio !== undefined) return groups.map((group) => ({ group, ratio: plan.ratio ?? 0, named: false }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const byRoot = new Map<string, DependencyGroup[]>();
  for (const g of groups) byRoot.set(g.root, [...(byRoot.get(g.root) ?? []), g]);
  const ratios = new Map<DependencyGroup, number>();
  for (const [key, ratio] of Object.entries(plan.layerRatios ?? {})) {
    const matched = byId.has(key) ? [byId.get(key)].filter((g) => g !== undefined) : (byRoot.get(key) ?? []);
    if (matched.length === 0) {
      invalid(`layerRatios names '${key}', which is neither a group id nor the root node of a group; 'whittle groups' lists them.`, key);
    }
    for (const g of matched) {
      if (ratios.has(g)) invalid(`layerRatios names group '${g.id}' twice (by its id and by its root '${g.root}').`, key);
      ratios.set(g, ratio);
    }
  }
  return groups.filter((g) => ratios.has(g)).map((group) => ({ group, ratio: ratios.get(group) ?? 0, named: true }));
}

function explicitSelections(
  groups: readonly DependencyGroup[],
  entries: readonly PlanGroupEntry[],
  check: { fingerprintMatched: boolean; isProtected: (g: DependencyGroup) => boolean; vanishes: (g: DependencyGroup) => boolean },
): Selection[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const chosen = new Map<DependencyGroup, number[]>();
  for (const entry of entries) {
    const group = byId.get(entry.group);
    if (group === undefined) {
      const message = `The plan names group '${entry.group}', which this model does not have`;
      if (check.fingerprintMatched) invalid(`${message}; 'whittle groups' lists the groups.`, entry.group);
      throw new EngineError(EngineErrorCode.PlanMismatch, `${message}. Was the plan made for another model?`, entry.group);
    }
    if (chosen.has(group)) invalid(`Group '${group.id}' is listed twice; expected each group at most once.`, group.id);
    const remove = [...new Set(entry.remove)].sort((a, b) => a - b);
    chosen.set(group, remove);
    if (remove.length === 0) continue;
    if (group.blocks.length > 0) invalid(`Group '${group.id}' (root ${group.root}) is not prunable: ${blockSummary(group)}.`, group.id);
    if (check.isProtected(group)) invalid(`Group '${group.id}' touches a protected node; remove it from "protect" or from "groups".`, group.id);
    const last = remove[remove.length - 1] ?? 0;
    if (last >= group.channels.length) {
      invalid(`Group '${group.id}' has ${String(group.channels.length)} channels; the plan removes channel ${String(last)}.`, group.id);
    }
    if (remove.length >= group.channels.length) {
      invalid(`The plan removes all ${String(group.channels.length)} channels of group '${group.id}'; a group keeps at least one.`, group.id);
    }
  }
  for (const [group, remove] of chosen) {
    if (remove.length > 0 && check.vanishes(group)) {
      invalid(`Group '${group.id}' vanishes or changes when the plan's dropBlocks are removed; prune it in a plan without those blocks.`, group.id);
    }
  }
  return groups.filter((g) => chosen.has(g)).map((group) => ({ group, channels: chosen.get(group) ?? [] }));
}

/**
 * Global selection: channels of all `groups` ranked by score ÷ group mean, lowest removed first until
 * ⌊ratio × total⌋ are gone; a group keeps at least max(1, roundTo) channels; `roundTo` then rounds each group.
 */
function globalSelections(
  groups: readonly DependencyGroup[],
  scores: ReadonlyMap<DependencyGroup, Float64Array>,
  ratio: number,
  roundTo: number | undefined,
  notes: string[],
): Selection[] {
  // Units are the per-producer parts of each group (see sourcePartitions): each keeps at least max(1, roundTo).
  const units: { g: number; channels: number[] }[] = [];
  const candidates: { u: number; c: number; score: number }[] = [];
  let total = 0;
  const normalised = groups.map((group, g) => {
    const s = scores.get(group) ?? new Float64Array(group.channels.length);
    const finite = Array.from(s).filter(Number.isFinite);
    const mean = finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length);
    const n = s.map((v) => (mean > 0 ? v / mean : Number.isFinite(v) ? 0 : v));
    total += group.channels.length;
    for (const part of sourcePartitions(group)) {
      const u = units.length;
      units.push({ g, channels: part });
      for (const c of part) candidates.push({ u, c, score: n[c] ?? 0 });
    }
    return n;
  });
  candidates.sort((a, b) => a.score - b.score || a.u - b.u || a.c - b.c);
  const target = Math.floor(ratio * total + EPS);
  const minKeep = Math.max(1, roundTo ?? 1);
  const picked = units.map(() => 0);
  let removed = 0;
  for (const cand of candidates) {
    if (removed >= target) break;
    const unit = units[cand.u];
    if (unit === undefined || !Number.isFinite(cand.score)) continue;
    if ((picked[cand.u] ?? 0) >= unit.channels.length - minKeep) continue;
    picked[cand.u] = (picked[cand.u] ?? 0) + 1;
    removed++;
  }
  const chosen = groups.map(() => [] as number[]);
  units.forEach((unit, u) => {
    const k = roundRemoval(unit.channels.length, picked[u] ?? 0, roundTo);
    const n = normalised[unit.g] ?? new Float64Array(0);
    const local = lowest(Float64Array.from(unit.channels, (c) => n[c] ?? 0), k);
    chosen[unit.g]?.push(...local.map((i) => unit.channels[i] ?? 0));
  });
  const selections = groups.map((group, g) => ({ group, channels: (chosen[g] ?? []).sort((a, b) => a - b) }));
  const final = selections.reduce((s, x) => s + x.channels.length, 0);
  notes.push(
    `Global ranking: each channel's score divided by its group's mean score (Torch-Pruning's 'mean' group normalisation for global pruning); ` +
      `${String(final)} of ${String(total)} channels in ${String(groups.length)} groups removed (${((100 * final) / Math.max(1, total)).toFixed(1)}%, target ${String(target)})` +
      `${final < target ? '; fewer than the target because every group keeps at least one channel and rounding keeps counts at multiples' : ''}.`,
  );
  return selections;
}
