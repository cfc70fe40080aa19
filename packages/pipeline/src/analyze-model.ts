/** The analyze step: everything the studio shows about an uploaded model, computed once and stored as JSON. */
import { computeCost, inferShapes, toGraphView } from '@whittle/engine';
import { modelAnalysisSchema, type ModelAnalysis } from '@whittle/shared';
import { loadModelBytes } from './loaded-model.ts';
import { groupsReportOf } from './reports/build-groups-report.ts';
import { inspectReportOf } from './reports/build-inspect-report.ts';
import { checkpoint, stepContext, throwIfCancelled, type StepContext } from './step-context.ts';

/**
 * Reads and validates `bytes`, infers shapes, estimates costs, and builds the inspect report (`whittle inspect
 * --json`), the graph-view DTO and the dependency groups (`whittle groups --json`). Shapes are inferred once, for the
 * declared input shapes (symbolic dims stay symbolic; MACs are then null, never guessed).
 * @param fileName - the upload's base name, shown in the reports only.
 * @throws EngineError (`ENGINE_ERR_*`, untouched) when the bytes are not a valid model; PipelineError
 * `PIPELINE_ERR_CANCELLED`.
 * @public
 */
export async function analyzeModel(bytes: Uint8Array, fileName: string, context: StepContext = {}): Promise<ModelAnalysis> {
  const ctx = stepContext(context);
  throwIfCancelled(ctx, 'Analysis');
  const loaded = loadModelBytes(bytes, fileName);
  const { model } = loaded;
  ctx.progress?.(0.2, 'model read and validated');
  ctx.log?.(`read ${String(model.graph.nodes.length)} nodes, ${String(model.graph.initializers.length)} initializers`);
  await checkpoint(ctx, 'Analysis');

  const shapes = inferShapes(model, { inputShapes: {} });
  ctx.progress?.(0.45, 'shapes inferred');
  await checkpoint(ctx, 'Analysis');

  const graph = toGraphView(model, shapes, computeCost(model, shapes));
  ctx.progress?.(0.65, 'costs estimated');
  await checkpoint(ctx, 'Analysis');

  const groups = groupsReportOf(loaded.file, model, shapes, {});
  ctx.log?.(`${String(groups.summary.groups)} dependency groups (${String(groups.summary.prunable)} prunable), ${String(groups.summary.blocks)} residual blocks`);
  const analysis = modelAnalysisSchema.parse({ inspect: inspectReportOf(loaded, graph, {}), graph, groups });
  ctx.progress?.(1, 'analysed');
  return analysis;
}
