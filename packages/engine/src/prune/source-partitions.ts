import { dimKey } from '../groups/dim-ref.ts';
import type { DependencyGroup } from '../groups/types.ts';

/**
 * Splits a group's channels by the source dims they cover, keeping channel order. A group that merges several
 * producers through a Concat (DenseNet) has channels that each belong to one producer: ratios, `roundTo` and the
 * keep-at-least-one rule must hold per producer, or one producer could lose every channel. A residual group's
 * channels cover every source at once and form a single part.
 * @public
 */
export function sourcePartitions(group: DependencyGroup): number[][] {
  const sourceKeys = new Set(group.sources.map(dimKey));
  const sourceMembers = group.members.flatMap((m, i) => (sourceKeys.has(dimKey(m.dim)) ? [i] : []));
  const parts = new Map<string, number[]>();
  group.channels.forEach((cls, c) => {
    const key = sourceMembers.filter((mi) => cls.has(mi)).join(',');
    const part = parts.get(key);
    if (part) part.push(c);
    else parts.set(key, [c]);
  });
  return [...parts.values()];
}
