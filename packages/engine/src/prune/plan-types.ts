/**
 * Prune plans: JSON documents that say which channels and blocks to remove (style-anchors §8.4 rule 7, "plans are
 * data"). `@whittle/shared` holds the zod schema (`prunePlanSchema`); its inferred type equals `PrunePlan`, which a
 * test in shared proves at compile time.
 */
import type { PruneCriterion } from '../importance/registry.ts';
import type { GroupRemoval } from './types.ts';

/** Explicit channel removals for one group. @public */
export interface PlanGroupEntry {
  /** `DependencyGroup.id` (`value:axis`). */
  readonly group: string;
  /** Indices into `DependencyGroup.channels`. */
  readonly remove: readonly number[];
}

/**
 * A prune plan, version 1. Exactly one of `groups` (explicit indices), `layerRatios` (a ratio per group) or `ratio`
 * (one ratio for every group, or a global budget with `global: true`) says what to remove.
 * @public
 */
export interface PrunePlan {
  readonly version: 1;
  /** The model the plan was made for; a plan whose fingerprint differs from the model's is refused. */
  readonly model?: { readonly fingerprint: string };
  /** How channels are ranked for `layerRatios` and `ratio` (default `l1`); informational in explicit plans. */
  readonly criterion?: PruneCriterion;
  /** Seed of `random` importance and of synthetic calibration inputs (default 0). */
  readonly seed?: number;
  /** Keep each pruned group's channel count a multiple of this (never below it). */
  readonly roundTo?: number;
  /** Node labels left exactly as they are: every group that would change them is skipped. */
  readonly protect?: readonly string[];
  /** Residual blocks to remove whole (`ResidualBlock.id`). */
  readonly dropBlocks?: readonly string[];
  readonly groups?: readonly PlanGroupEntry[];
  /** Group id or root node label → fraction of its channels to remove, in [0, 1). */
  readonly layerRatios?: Readonly<Record<string, number>>;
  /** Fraction of channels to remove, in [0, 1). */
  readonly ratio?: number;
  /** With `ratio`: rank the channels of all groups together (normalised per group) instead of per group. */
  readonly global?: boolean;
}

/** The outcome of resolving a plan against a model. @public */
export interface ResolvedPlan {
  /** Channels to remove, per group, ascending; groups in the model's group order; no empty entries. */
  readonly removals: readonly GroupRemoval[];
  readonly dropBlocks: readonly string[];
  /** What the resolver decided and why: skipped groups, fallbacks, rounding, the normalisation used. */
  readonly notes: readonly string[];
  /** The same removals as an explicit plan carrying the model's fingerprint: replaying it gives the same result. */
  readonly explicit: PrunePlan;
}
