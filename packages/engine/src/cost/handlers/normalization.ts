/**
 * Normalization. Inference-time BatchNormalization folds to a per-channel scale and shift (two ops per element);
 * the statistics-computing norms count five per element with an affine transform, as fvcore's `norm_flop_counter`.
 */
import type { CostHandler } from '../types.ts';
import { perInputElement } from './per-element.ts';

/** @internal */
export const normalizationCostHandlers: readonly CostHandler[] = [
  ...perInputElement(['BatchNormalization'], 2, 'other = two per element (scale and shift)'),
  ...perInputElement(
    ['InstanceNormalization', { opType: 'LayerNormalization', since: 17 }, { opType: 'GroupNormalization', since: 18 }],
    5,
    'other = five per element (mean, variance, normalize, scale, shift)',
  ),
  ...perInputElement(['LpNormalization'], 3, 'other = three per element (square, sum, divide)'),
  ...perInputElement(['LRN'], 5, 'other = five per element (approximation; window sums not counted)'),
];
