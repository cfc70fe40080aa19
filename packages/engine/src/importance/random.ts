import { deriveSeed, seededRandom } from './seeded-random.ts';
import type { Importance } from './types.ts';

/**
 * Random scores, uniform in [0, 1): the baseline every other criterion should beat. Seeded by the context's seed and
 * the group id, so a plan resolves to the same channels on every run and every machine, whatever the group order.
 * @public
 */
export const randomImportance: Importance = (group, ctx) => {
  const next = seededRandom(deriveSeed(ctx.seed, group.id));
  return Float64Array.from(group.channels, () => next());
};
