/**
 * The prune step over a decoded model, exactly as `whittle prune` has always run it: resolve the plan, apply it,
 * check original and pruned in onnxruntime on a seeded input, and report (validated against the shared schema).
 * `pruneModel` (bytes in, bytes out) and the CLI (files, calibration data) both call this.
 */
import {
  applyPruning,
  buildDependencyGroups,
  concreteInputDims,
  inferShapes,
  modelFingerprint,
  resolvePlan,
  writeModel,
  type CalibrationSource,
  type InferenceRuntime,
  type IrModel,
  type PrunePlan,
} from '@whittle/engine';
import { ortNodeRuntime } from '@whittle/engine/ort-node';
import { pruneCommandReportSchema, type PruneCommandReport } from '@whittle/shared';
import type { InputShapes } from '../input-shapes.ts';
import type { LoadedModel } from '../loaded-model.ts';
import { asCancelled, throwIfCancelled, type StepContext } from '../step-context.ts';
import { verifyPruned } from './verify-pruned.ts';

/** @public */
export interface PruneLoadedOptions {
  readonly plan: PrunePlan;
  readonly foldBatchNorm?: boolean;
  /** Concrete input dims for MACs and for the onnxruntime check (else batch 1 and 64 for other symbolic dims). */
  readonly inputShapes?: InputShapes;
  /** Calibration batches for the `activation` criterion (seeded random inputs, labelled so, when absent). */
  readonly calibration?: CalibrationSource;
  /** Default: onnxruntime-node on the CPU. */
  readonly runtime?: InferenceRuntime;
  /** `report.output`: the pruned file's base name. */
  readonly output: string;
  /** The original model's bytes when the caller has them (else the model is encoded again for the check). */
  readonly originalBytes?: Uint8Array;
  /** How notes name the input-shapes option: `inputShapes` (jobs, recipes) or `--input-shape` (CLI). */
  readonly inputShapeOption?: string;
  /**
   * Lineage written into the output's `metadata_props` (DESIGN.md §5: exported ONNX carries its lineage), replacing
   * entries with the same keys. Keys should start with `whittle.`.
   */
  readonly lineage?: Readonly<Record<string, string>>;
}

/** The model with `lineage` in its metadata_props (existing keys replaced, others kept in order). */
function withLineage(model: IrModel, lineage: Readonly<Record<string, string>>): IrModel {
  const entries = Object.entries(lineage);
  if (entries.length === 0) return model;
  const kept = model.metadataProps.filter((entry) => !Object.hasOwn(lineage, entry.key));
  return { ...model, metadataProps: [...kept, ...entries.map(([key, value]) => ({ key, value }))] };
}

/** @public */
export interface PrunedModel {
  readonly model: IrModel;
  readonly bytes: Uint8Array;
  /** Validated against `pruneCommandReportSchema`. */
  readonly report: PruneCommandReport;
}

const ESTIMATED = ['paramsBefore', 'paramsAfter', 'macsBefore', 'macsAfter', 'bytesBefore', 'bytesAfter'];
const MEASURED = ['fileBytesBefore', 'fileBytesAfter', 'verification'];

/**
 * Prunes `loaded.model` by `options.plan`. Nothing is written: the caller stores `bytes` once this returns.
 * @throws EngineError (plan, model, runtime), PipelineError `PIPELINE_ERR_VERIFY_FAILED` or `PIPELINE_ERR_CANCELLED`.
 * @public
 */
export async function pruneLoadedModel(loaded: LoadedModel, options: PruneLoadedOptions, ctx: StepContext = {}): Promise<PrunedModel> {
  const { model } = loaded;
  const runtime = options.runtime ?? ortNodeRuntime;
  const inputShapes = options.inputShapes ?? {};
  const option = options.inputShapeOption ?? 'inputShapes';
  const progress = ctx.progress ?? (() => undefined);

  const shapes = inferShapes(model, { inputShapes });
  const analysis = buildDependencyGroups(model, { shapes });
  const runDims = concreteInputDims(model, inputShapes);
  progress(0.2, 'dependency groups built');
  throwIfCancelled(ctx, 'Pruning');

  const resolved = await resolvePlan(model, options.plan, {
    analysis,
    shapes,
    runtime,
    inputShapes: runDims.dims,
    ...(options.calibration !== undefined && { calibration: options.calibration }),
    ...(ctx.signal !== undefined && { signal: ctx.signal }),
  }).catch((error: unknown) => {
    throw asCancelled(ctx, error, 'Pruning');
  });
  progress(0.5, 'plan resolved');
  throwIfCancelled(ctx, 'Pruning');

  const result = applyPruning(model, resolved.removals, {
    analysis,
    shapes,
    dropBlocks: resolved.dropBlocks,
    foldBatchNorm: options.foldBatchNorm ?? false,
  });
  const bytes = writeModel(withLineage(result.model, options.lineage ?? {}));
  progress(0.7, 'pruned model encoded');
  throwIfCancelled(ctx, 'Pruning');

  const verification = await verifyPruned(runtime, options.originalBytes ?? writeModel(model), bytes, runDims.dims);
  progress(0.95, 'checked in onnxruntime');

  const r = result.report;
  const notes = [
    'params, MACs and weight bytes are static estimates from the graph; file sizes and the onnxruntime check are measured. Latency is not measured here.',
    ...resolved.notes,
  ];
  if (runDims.filled.length > 0) {
    notes.push(
      `The runtime check filled symbolic dims of ${runDims.filled.map((n) => `'${n}'`).join(', ')} (batch 1, 64 elsewhere); give ${option} to choose.`,
    );
  }
  if (r.before.macs === undefined) notes.push(`MACs are unknown: inputs have symbolic dims. Give ${option} for MAC figures.`);
  const report = pruneCommandReportSchema.parse({
    file: loaded.file,
    output: options.output,
    fingerprintBefore: modelFingerprint(model),
    fingerprintAfter: modelFingerprint(result.model),
    paramsBefore: r.before.params,
    paramsAfter: r.after.params,
    macsBefore: r.before.macs ?? null,
    macsAfter: r.after.macs ?? null,
    bytesBefore: r.before.bytes,
    bytesAfter: r.after.bytes,
    fileBytesBefore: loaded.sizeBytes,
    fileBytesAfter: bytes.byteLength,
    groupsPruned: r.groupsPruned,
    channelsRemoved: r.channelsRemoved,
    blocksDropped: r.blocksDropped,
    foldedBatchNorms: r.foldedBatchNorms,
    groups: r.groups,
    nodesTouched: r.nodesTouched,
    estimated: ESTIMATED,
    measured: MEASURED,
    verification,
    plan: resolved.explicit,
    notes,
  } satisfies PruneCommandReport);
  return { model: result.model, bytes, report };
}
