/**
 * The importance strategies by name: the one typed map the plan resolver, the CLI and the UI choose from.
 */
import { activationImportance } from './activation.ts';
import { bnImportance } from './bn.ts';
import { l1Importance } from './l1.ts';
import { l2Importance } from './l2.ts';
import { randomImportance } from './random.ts';
import { taylorImportance } from './taylor.ts';
import type { Importance } from './types.ts';

/**
 * Every importance strategy. `taylor` is reserved: it throws `ENGINE_ERR_UNSUPPORTED` until fine-tuning (W6) brings
 * gradients.
 * @public
 */
export const IMPORTANCE = {
  l1: l1Importance,
  l2: l2Importance,
  bn: bnImportance,
  activation: activationImportance,
  random: randomImportance,
  taylor: taylorImportance,
} as const satisfies Readonly<Record<string, Importance>>;

/** @public */
export type ImportanceName = keyof typeof IMPORTANCE;

/** The criteria a plan may name today (every strategy but the reserved `taylor`). @public */
export const PRUNE_CRITERIA = ['l1', 'l2', 'bn', 'activation', 'random'] as const satisfies readonly ImportanceName[];

/** @public */
export type PruneCriterion = (typeof PRUNE_CRITERIA)[number];

/** The strategy called `name`. @public */
export function importanceByName(name: ImportanceName): Importance {
  return IMPORTANCE[name];
}
