import type { Importance } from './types.ts';
import { magnitudeSlices, sumOverSlices } from './weight-slices.ts';

/**
 * L1 magnitude: each channel scores Σ|w| over every weight entry it owns in the whole group — the producing
 * filters, biases, normalisation scales and shifts and the consumers' input slices alike (BatchNorm running mean and
 * variance are statistics, not weights, and are left out).
 *
 * Li et al., "Pruning Filters for Efficient ConvNets" (ICLR 2017) rank one layer's filters by Σ|w|; summing over the
 * group follows Fang et al., "DepGraph: Towards Any Structural Pruning" (CVPR 2023), whose group importance
 * aggregates every coupled parameter so that a channel is judged by everything its removal deletes.
 * @public
 */
export const l1Importance: Importance = (group, ctx) => sumOverSlices(group, ctx, magnitudeSlices(group, ctx), 'abs');
