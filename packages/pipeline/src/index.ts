/**
 * @whittle/pipeline — Whittle's steps as plain async functions over model bytes: analyze, prune, benchmark, recipes.
 * The CLI runs them in its own process; the worker runs them in sandboxed children. Node only (onnxruntime-node).
 * @packageDocumentation
 */
export { PipelineError, PipelineErrorCode, isPipelineError } from './errors.ts';
export type { StepContext } from './step-context.ts';

// The steps
export { analyzeModel } from './analyze-model.ts';
export { variantMetrics } from './variant-metrics.ts';
export { pruneModel } from './prune/prune-model.ts';
export type { PruneStepContext, PruneStepInput, PruneStepResult } from './prune/prune-model.ts';
export { benchmarkModel } from './benchmark/benchmark-model.ts';
export { runRecipe, recipeStepFile } from './recipe/run-recipe.ts';
export type { RecipeContext } from './recipe/run-recipe.ts';
export { recipeRunReportSchema, recipePruneStepReportSchema, recipeBenchmarkStepReportSchema } from './recipe/recipe-report.ts';
export type { RecipeRunReport, RecipeStepReport } from './recipe/recipe-report.ts';

// Labels recorded with results
export { deviceLabel } from './device.ts';
export { engineVersion } from './versions.ts';

// Building blocks the CLI shares (reports over a decoded model, the prune step with calibration data)
export { checkInputShapes } from './input-shapes.ts';
export type { InputShapes } from './input-shapes.ts';
export type { LoadedModel } from './loaded-model.ts';
export { buildInspectReport } from './reports/build-inspect-report.ts';
export { buildGroupsReport, groupsReportOf } from './reports/build-groups-report.ts';
export { pruneLoadedModel } from './prune/prune-loaded-model.ts';
export type { PruneLoadedOptions, PrunedModel } from './prune/prune-loaded-model.ts';
export { verifyPruned } from './prune/verify-pruned.ts';
