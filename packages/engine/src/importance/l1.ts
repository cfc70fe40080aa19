import type { DependencyGroup } from '../groups/types.ts';
import type { Importance, ImportanceContext } from './types.ts';
import { magnitudeSlices, sumOverSlices } from './weight-slices.ts';

/**
 * L1 magnitude: each channel scores Σ|w| over every weight entry it owns in the whole group — the producing
 * filters, biases, normalisation scales and shifts and the consumers' input slices alike (BatchNorm running mean and
 * variance are statistics, not weights, and are left out).
 *
 * Li et al., "Pruning Filters for Efficient ConvNets" (ICLR 2017) rank one layer's filters by Σ|w|; summing over the
 * group follows Fang et al., "DepGraph: Towards Any Structural Pruning" (CVPR 2023), whose group importance
 * aggregates every coupled parameter so that a channel is judged by everything its removal deletes.
 * Synchronous, so reports (`whittle groups`) can show the very scores the `l1` criterion ranks by.
 * @public
 */
export function l1Scores(group: DependencyGroup, ctx: ImportanceContext): Float64Array {
  return sumOverSlices(group, ctx, magnitudeSlices(group, ctx), 'abs');
}

/** The `l1` criterion: {@link l1Scores}. @public */
export const l1Importance: Importance = l1Scores;
