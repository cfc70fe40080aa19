/**
 * The one place where per-op handlers are registered (style-anchors §8.4: tfjs's explicit registration file).
 * Each family file exports its handlers as data; this file decides which registries they join.
 */
import { registerCostHandlers } from './cost/cost-handlers.ts';
import type { CostHandler } from './cost/types.ts';
import { castQuantizePruneHandlers } from './groups/handlers/cast-quantize.ts';
import { concatSplitSlicePruneHandlers } from './groups/handlers/concat-split-slice.ts';
import { convPruneHandlers } from './groups/handlers/conv.ts';
import { elementwisePruneHandlers } from './groups/handlers/elementwise.ts';
import { gemmMatmulPruneHandlers } from './groups/handlers/gemm-matmul.ts';
import { normalizationPruneHandlers } from './groups/handlers/normalization.ts';
import { poolPruneHandlers } from './groups/handlers/pool.ts';
import { reducePruneHandlers } from './groups/handlers/reduce.ts';
import { resizePadPruneHandlers } from './groups/handlers/resize-pad.ts';
import { softmaxPruneHandlers } from './groups/handlers/softmax.ts';
import { tensorShapePruneHandlers } from './groups/handlers/tensor-shape.ts';
import type { PruneHandler } from './groups/types.ts';
import { normalizeDomain } from './ir/attributes.ts';
import { OpRegistry } from './ops/registry.ts';
import type { ShapeHandler } from './shape/handler.ts';
import { activationShapeHandlers } from './shape/handlers/activation.ts';
import { castQuantizeShapeHandlers } from './shape/handlers/cast-quantize.ts';
import { concatSplitSliceShapeHandlers } from './shape/handlers/concat-split-slice.ts';
import { contribShapeHandlers } from './shape/handlers/contrib.ts';
import { controlFlowShapeHandlers } from './shape/handlers/control-flow.ts';
import { convShapeHandlers } from './shape/handlers/conv.ts';
import { einsumShapeHandlers } from './shape/handlers/einsum.ts';
import { elementwiseShapeHandlers } from './shape/handlers/elementwise.ts';
import { gatherShapeHandlers } from './shape/handlers/gather.ts';
import { gemmMatmulShapeHandlers } from './shape/handlers/gemm-matmul.ts';
import { normalizationShapeHandlers } from './shape/handlers/normalization.ts';
import { poolShapeHandlers } from './shape/handlers/pool.ts';
import { reduceShapeHandlers } from './shape/handlers/reduce.ts';
import { resizePadShapeHandlers } from './shape/handlers/resize-pad.ts';
import { rnnShapeHandlers } from './shape/handlers/rnn.ts';
import { shapeOpsShapeHandlers } from './shape/handlers/shape-ops.ts';
import { tensorShapeShapeHandlers } from './shape/handlers/tensor-shape.ts';

/** Every built-in shape handler, family by family. */
export const SHAPE_HANDLERS: readonly ShapeHandler[] = [
  ...activationShapeHandlers,
  ...elementwiseShapeHandlers,
  ...convShapeHandlers,
  ...gemmMatmulShapeHandlers,
  ...einsumShapeHandlers,
  ...normalizationShapeHandlers,
  ...poolShapeHandlers,
  ...rnnShapeHandlers,
  ...tensorShapeShapeHandlers,
  ...concatSplitSliceShapeHandlers,
  ...gatherShapeHandlers,
  ...resizePadShapeHandlers,
  ...reduceShapeHandlers,
  ...castQuantizeShapeHandlers,
  ...shapeOpsShapeHandlers,
  ...controlFlowShapeHandlers,
  ...contribShapeHandlers,
];

function handlerKey(h: ShapeHandler): string {
  return `${normalizeDomain(h.domain)}::${h.opType}@${String(h.since)}`;
}

/**
 * A shape registry with the built-in handlers plus `custom` ones. A custom handler with the same
 * (domain, opType, since) as a built-in replaces it (options override defaults, as Torch-Pruning's
 * CUSTOMIZED_PRUNERS do); two custom handlers with the same key still throw.
 */
export function createShapeRegistry(custom: readonly ShapeHandler[] = []): OpRegistry<ShapeHandler> {
  const registry = new OpRegistry<ShapeHandler>('shape');
  registry.registerAll(custom);
  const overridden = new Set(custom.map(handlerKey));
  registry.registerAll(SHAPE_HANDLERS.filter((h) => !overridden.has(handlerKey(h))));
  return registry;
}

let defaultShapes: OpRegistry<ShapeHandler> | undefined;

/** The shared registry of built-in shape handlers (built once, never mutated afterwards). */
export function defaultShapeRegistry(): OpRegistry<ShapeHandler> {
  defaultShapes ??= createShapeRegistry();
  return defaultShapes;
}

// ─── Cost handlers (src/cost/) ────────────────────────────────────────────────────────────────────────────────
// Separate registry: a cost rule and a shape rule for the same op are different handlers with different owners.

/** A cost registry with every built-in cost handler (`COST_HANDLERS`). */
export function createCostRegistry(): OpRegistry<CostHandler> {
  const registry = new OpRegistry<CostHandler>('cost');
  registerCostHandlers(registry);
  return registry;
}

let defaultCosts: OpRegistry<CostHandler> | undefined;

/** The shared registry of built-in cost handlers (built once, never mutated afterwards). */
export function defaultCostRegistry(): OpRegistry<CostHandler> {
  defaultCosts ??= createCostRegistry();
  return defaultCosts;
}

// ─── Prune handlers (src/groups/) ─────────────────────────────────────────────────────────────────────────────
// How each op couples channels for structural pruning; an op missing here blocks every group that reaches it.

/** Every built-in prune handler, family by family. */
export const PRUNE_HANDLERS: readonly PruneHandler[] = [
  ...convPruneHandlers,
  ...gemmMatmulPruneHandlers,
  ...elementwisePruneHandlers,
  ...normalizationPruneHandlers,
  ...poolPruneHandlers,
  ...resizePadPruneHandlers,
  ...tensorShapePruneHandlers,
  ...concatSplitSlicePruneHandlers,
  ...softmaxPruneHandlers,
  ...reducePruneHandlers,
  ...castQuantizePruneHandlers,
];

/** A prune registry with the built-in handlers plus `custom` ones (a custom handler replaces a built-in one). */
export function createPruneRegistry(custom: readonly PruneHandler[] = []): OpRegistry<PruneHandler> {
  const registry = new OpRegistry<PruneHandler>('prune');
  registry.registerAll(custom);
  const key = (h: PruneHandler): string => `${normalizeDomain(h.domain)}::${h.opType}@${String(h.since)}`;
  const overridden = new Set(custom.map(key));
  registry.registerAll(PRUNE_HANDLERS.filter((h) => !overridden.has(key(h))));
  return registry;
}

let defaultPrune: OpRegistry<PruneHandler> | undefined;

/** The shared registry of built-in prune handlers (built once, never mutated afterwards). */
export function defaultPruneRegistry(): OpRegistry<PruneHandler> {
  defaultPrune ??= createPruneRegistry();
  return defaultPrune;
}
