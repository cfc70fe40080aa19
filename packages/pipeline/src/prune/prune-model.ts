/** The prune step over model bytes: what a prune job (and a recipe's prune step) runs. */
import type { InferenceRuntime } from '@whittle/engine';
import type { PruneCommandReport, PrunePlanDocument, VariantMetrics } from '@whittle/shared';
import { PipelineError, PipelineErrorCode } from '../errors.ts';
import { checkInputShapes, type InputShapes } from '../input-shapes.ts';
import { loadModelBytes } from '../loaded-model.ts';
import { stepContext, throwIfCancelled, type StepContext } from '../step-context.ts';
import { metricsOf } from '../variant-metrics.ts';
import { pruneLoadedModel } from './prune-loaded-model.ts';

/** @public */
export interface PruneStepInput {
  readonly plan: PrunePlanDocument;
  readonly foldBatchNorm?: boolean;
  readonly inputShapes?: InputShapes;
  /** Written into the output's `metadata_props` (keys `whittle.*`): the variant's lineage travels with the file. */
  readonly lineage?: Readonly<Record<string, string>>;
}

/** @public */
export interface PruneStepContext extends StepContext {
  /** Default: the engine's onnxruntime-node runtime (CPU). */
  readonly runtime?: InferenceRuntime;
  /** `report.file`; default `model.onnx`. */
  readonly fileName?: string;
}

/** @public */
export interface PruneStepResult {
  readonly bytes: Uint8Array;
  readonly report: PruneCommandReport;
  readonly metrics: VariantMetrics;
}

/** The name prune reports give the output (`report.output`): storage names come from server ids, never from here. */
const VARIANT_FILE = 'variant.onnx';

/**
 * Prunes the model in `bytes` by `step.plan` exactly as `whittle prune` does: resolve the plan, apply it, check the
 * result in onnxruntime on a seeded input, report. `metrics` are the pruned variant's (see `variantMetrics`).
 * @throws EngineError for model, plan and runtime problems; PipelineError `PIPELINE_ERR_BAD_INPUT` (shapes, external
 * data), `PIPELINE_ERR_VERIFY_FAILED`, `PIPELINE_ERR_CANCELLED`.
 * @public
 */
export async function pruneModel(bytes: Uint8Array, step: PruneStepInput, context: PruneStepContext = {}): Promise<PruneStepResult> {
  const ctx = stepContext(context);
  throwIfCancelled(ctx, 'Pruning');
  const loaded = loadModelBytes(bytes, ctx.fileName ?? 'model.onnx');
  if (loaded.externalDataFiles.length > 0) {
    throw new PipelineError(
      PipelineErrorCode.BadInput,
      `The model keeps weights in external data (${loaded.externalDataFiles.map((f) => `'${f}'`).join(', ')}); pruning takes single-file models.`,
    );
  }
  const inputShapes = step.inputShapes ?? {};
  checkInputShapes(loaded.model, inputShapes);
  ctx.progress?.(0.05, 'model read');
  ctx.log?.(`pruning ${String(loaded.model.graph.nodes.length)} nodes`);
  const pruned = await pruneLoadedModel(
    loaded,
    {
      plan: step.plan,
      foldBatchNorm: step.foldBatchNorm ?? false,
      inputShapes,
      output: VARIANT_FILE,
      originalBytes: bytes,
      ...(step.lineage !== undefined && { lineage: step.lineage }),
      ...(ctx.runtime !== undefined && { runtime: ctx.runtime }),
    },
    ctx,
  );
  const metrics = metricsOf(pruned.model, pruned.bytes.byteLength, inputShapes);
  const r = pruned.report;
  ctx.log?.(`pruned ${String(r.groupsPruned)} groups, ${String(r.channelsRemoved)} channels; params ${String(r.paramsBefore)} → ${String(r.paramsAfter)} (estimates)`);
  ctx.progress?.(1, 'pruned');
  return { bytes: pruned.bytes, report: r, metrics };
}
