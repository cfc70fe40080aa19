/**
 * Every cost handler, one op family per file under `handlers/`. `register-all.ts` puts them in the engine's cost
 * registry (`defaultCostRegistry`); `costRuleTable` renders the rules for the docs.
 */
import type { OpRegistry } from '../ops/registry.ts';
import { convCostHandlers } from './handlers/conv.ts';
import { dataMovementCostHandlers } from './handlers/data-movement.ts';
import { elementwiseCostHandlers } from './handlers/elementwise.ts';
import { matmulCostHandlers } from './handlers/matmul.ts';
import { normalizationCostHandlers } from './handlers/normalization.ts';
import { poolingCostHandlers } from './handlers/pooling.ts';
import type { CostHandler } from './types.ts';

/**
 * Every built-in cost handler, family by family.
 * @public
 */
export const COST_HANDLERS: readonly CostHandler[] = [
  ...convCostHandlers,
  ...matmulCostHandlers,
  ...normalizationCostHandlers,
  ...poolingCostHandlers,
  ...elementwiseCostHandlers,
  ...dataMovementCostHandlers,
];

/**
 * Registers every built-in cost handler; throws `ENGINE_ERR_DUPLICATE_HANDLER` if one is already there.
 * @public
 */
export function registerCostHandlers(registry: OpRegistry<CostHandler>): void {
  registry.registerAll(COST_HANDLERS);
}

/**
 * One row per (op, since) with its counting rule, sorted by op: the table the docs render.
 * @public
 */
export function costRuleTable(): readonly { readonly op: string; readonly since: number; readonly rule: string }[] {
  return COST_HANDLERS.map((h) => ({
    op: h.domain === '' || h.domain === 'ai.onnx' ? h.opType : `${h.domain}::${h.opType}`,
    since: h.since,
    rule: h.rule,
  })).sort((a, b) => a.op.localeCompare(b.op) || a.since - b.since);
}
