/**
 * analyze: validate an uploaded model in the sandbox, store its analysis, create its original variant (step 0, no
 * parent, the upload's own artifact) and mark the model ready — in that order, so a ready model always has both.
 * Invalid model → the model fails with the engine's code and message (see `failed`).
 */
import { JobErrorCode, modelAnalysisSchema, type JobParams, type JobResult } from '@whittle/shared';
import type { Model, Variant } from '@whittle/store';
import type { Delivery } from '../delivery.ts';
import { JobFailure } from '../job-errors.ts';
import type { ProcessorEntry } from './processor.ts';

/** The analysis (graph view included) of even a very large model stays far below this. */
const MAX_ANALYSIS_BYTES = 64 * 1024 * 1024;

async function process(delivery: Delivery, params: JobParams<'analyze'>): Promise<JobResult> {
  const { models, variants } = delivery.deps;
  const model = await models.get(params.modelId);
  if (model === undefined || model.projectId !== delivery.job.projectId) {
    throw new JobFailure(JobErrorCode.SourceNotReady, 'The model to analyze does not exist.');
  }
  if (model.status === 'failed') {
    throw new JobFailure(model.errorCode ?? JobErrorCode.SourceNotReady, model.errorMessage ?? 'The model failed validation.');
  }
  if (model.status === 'ready') {
    // A redelivery after an earlier attempt finished everything but the job row: nothing left to compute.
    const original = await variants.originalOf(model.id);
    if (original?.status === 'ready') {
      delivery.log('The model was already analyzed by an earlier attempt.');
      return { variantIds: [original.id], benchmarkIds: [] };
    }
  }

  const modelPath = await delivery.materialize(model.artifactKey, 'model.onnx', 'uploaded model');
  const analysisPath = delivery.path('analysis.json');
  const output = await delivery.runTask('analyze', { modelPath, fileName: model.displayName, analysisPath }, { from: 0, to: 0.95 });

  const analysis = modelAnalysisSchema.safeParse(JSON.parse(new TextDecoder().decode(await delivery.readOutput(analysisPath, MAX_ANALYSIS_BYTES, 'analysis'))));
  if (!analysis.success) {
    delivery.deps.logger.error(`job ${delivery.job.id}: the analysis does not match its schema: ${analysis.error.message.slice(0, 500)}`);
    throw new JobFailure(JobErrorCode.Internal, 'The analysis the task produced does not match its schema.');
  }
  // Re-serialized from the validated value: the stored document holds only the fields the schema knows.
  const stored = await delivery.storeBytes(new TextEncoder().encode(JSON.stringify(analysis.data)), 'analysis');
  const original = await createOriginal(delivery, model, output.metrics, output.engineVersion);
  await models.markReady(model.id, { analysisKey: stored.key });
  delivery.log(`The model is valid; its original variant is ${original.id}.`);
  return { variantIds: [original.id], benchmarkIds: [] };
}

async function createOriginal(delivery: Delivery, model: Model, metrics: unknown, engineVersion: string): Promise<Variant> {
  const { variants } = delivery.deps;
  const { variant } = await variants.create({
    projectId: model.projectId,
    modelId: model.id,
    parentVariantId: null,
    jobId: delivery.job.id,
    step: 0,
    recipe: [],
    engineVersion,
    metrics,
  });
  if (variant.status === 'building') {
    await variants.markReady(variant.id, { artifactKey: model.artifactKey, sha256: model.sha256, metrics });
  }
  const settled = await variants.get(variant.id);
  if (settled?.status !== 'ready') throw new JobFailure(JobErrorCode.Internal, 'The original variant could not be marked ready.');
  return settled;
}

export const analyzeProcessor: ProcessorEntry<'analyze'> = {
  process,
  async failed(deps, { projectId, params, error }) {
    // The model leaves `validating` with the job's reason, so the UI never waits on a job that is over.
    const model = await deps.models.get(params.modelId);
    if (model?.projectId === projectId) await deps.models.markFailed(model.id, error);
  },
};
