import type { Importance } from './types.ts';
import { magnitudeSlices, sumOverSlices } from './weight-slices.ts';

/**
 * L2 magnitude (squared): each channel scores Σw² over every weight entry it owns in the whole group. The sum of
 * squares is used rather than its root so that group scores add across slices, as DepGraph's group importance does
 * (Fang et al., CVPR 2023); the ranking within a slice equals the L2-norm ranking of Li et al. (ICLR 2017).
 * @public
 */
export const l2Importance: Importance = (group, ctx) => sumOverSlices(group, ctx, magnitudeSlices(group, ctx), 'square');
