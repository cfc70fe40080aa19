/**
 * One line saying what made a variant, read from the step it records (`variant.recipe`, the step or recipe as
 * submitted). The value is untyped on the wire, so it is read defensively.
 */

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** "prune 50% l1 (round 8)", "original upload", or the step's kind. @public */
export function summarizeVariantStep(step: number, recipe: unknown): string {
  if (step === 0) return 'original upload';
  const kind = field(recipe, 'kind');
  const plan = field(recipe, 'plan');
  const ratio = field(plan, 'ratio');
  if (kind === 'prune' || plan !== undefined) {
    const parts = ['prune'];
    if (typeof ratio === 'number') parts.push(`${String(Math.round(ratio * 100))}%`);
    const criterion = field(plan, 'criterion');
    if (typeof criterion === 'string') parts.push(criterion);
    if (field(plan, 'global') === true) parts.push('global');
    const roundTo = field(plan, 'roundTo');
    if (typeof roundTo === 'number') parts.push(`(round to ${String(roundTo)})`);
    if (ratio === undefined) parts.push('by plan');
    return parts.join(' ');
  }
  return typeof kind === 'string' ? kind : 'derived';
}
