/**
 * Runs recipe steps in order on a source variant: one sandboxed task per step, a new variant per transforming step
 * (step i + 1, parent = the previous variant), benchmark rows attached to the current variant. Prune and benchmark
 * jobs are one-step recipes. Redelivery-safe: a variant already ready for (job, step) is reused, not recomputed;
 * variants and benchmarks are unique per (job, step) in the store.
 */
import { stat } from 'node:fs/promises';
import { JobErrorCode, type BenchmarkSettings, type JobResult, type RecipeStep } from '@whittle/shared';
import type { Variant } from '@whittle/store';
import type { Delivery, ProgressSpan } from './delivery.ts';
import { JobFailure } from './job-errors.ts';
import { loadReadySource } from './sources.ts';

type PruneStep = Extract<RecipeStep, { kind: 'prune' }>;
type BenchmarkStep = Extract<RecipeStep, { kind: 'benchmark' }>;

/** The variant the next step works on, and its file in the work folder once there is one. */
interface Current {
  readonly variant: Variant;
  readonly path: string | undefined;
}

/** A pruned model is never much larger than its source; the cap stops a runaway (or hostile) child filling the disk. */
const MIN_OUTPUT_CAP_BYTES = 64 * 1024 * 1024;

export async function runSteps(delivery: Delivery, sourceVariantId: string, steps: readonly RecipeStep[]): Promise<JobResult> {
  const source = await loadReadySource(delivery, sourceVariantId);
  const earlier = (await delivery.deps.variants.listForModel(source.model.id)).filter((v) => v.jobId === delivery.job.id);
  let current: Current = { variant: source.variant, path: undefined };
  const variantIds: string[] = [];
  const benchmarkIds: string[] = [];
  for (const [index, step] of steps.entries()) {
    const number = index + 1;
    const span = { from: index / steps.length, to: number / steps.length };
    delivery.log(`Step ${String(number)} of ${String(steps.length)}: ${step.kind}.`);
    switch (step.kind) {
      case 'prune': {
        const reused = earlier.find((v) => v.step === number && v.status === 'ready');
        if (reused) {
          delivery.log(`Step ${String(number)} was done by an earlier attempt; its variant is reused.`);
          current = { variant: reused, path: undefined };
        } else {
          current = await pruneStep(delivery, await withFile(delivery, current, number), step, number, span, source.model.displayName);
        }
        variantIds.push(current.variant.id);
        break;
      }
      case 'benchmark': {
        const measured = await withFile(delivery, current, number);
        current = measured;
        benchmarkIds.push(await benchmarkStep(delivery, measured, step, number, span));
        break;
      }
    }
    delivery.reporter.progress(span.to);
  }
  return { variantIds, benchmarkIds };
}

/** The current variant with its file in the work folder (streamed from the store the first time a step needs it). */
async function withFile(delivery: Delivery, current: Current, number: number): Promise<Current & { readonly path: string }> {
  if (current.path !== undefined) return { ...current, path: current.path };
  const path = await delivery.materialize(current.variant.artifactKey, `step-${String(number)}-input.onnx`, 'source model');
  return { variant: current.variant, path };
}

/** Lineage written into a step's output file: where it came from and how (ids only; no user text but the step JSON). */
function lineageOf(delivery: Delivery, parent: Current['variant'], step: PruneStep, number: number): Record<string, string> {
  return {
    'whittle.parent_variant_id': parent.id,
    ...(parent.sha256 !== null && { 'whittle.parent_sha256': parent.sha256 }),
    'whittle.model_id': parent.modelId,
    'whittle.job_id': delivery.job.id,
    'whittle.step': String(number),
    'whittle.recipe_step': JSON.stringify(step),
  };
}

async function pruneStep(delivery: Delivery, current: Current & { readonly path: string }, step: PruneStep, number: number, span: ProgressSpan, fileName: string): Promise<Current> {
  const modelPath = current.path;
  const outputPath = delivery.path(`step-${String(number)}-output.onnx`);
  const output = await delivery.runTask(
    'prune',
    {
      modelPath,
      outputPath,
      fileName,
      step: {
        plan: step.plan,
        foldBatchNorm: step.foldBatchNorm,
        ...(step.inputShapes !== undefined && { inputShapes: step.inputShapes }),
        lineage: lineageOf(delivery, current.variant, step, number),
      },
    },
    span,
  );
  const inputBytes = (await stat(modelPath)).size;
  const stored = await delivery.store(outputPath, Math.max(2 * inputBytes, MIN_OUTPUT_CAP_BYTES), 'pruned model');
  const { variants } = delivery.deps;
  // Created only now, with its artifact stored: a variant is never visible as building for a task still running.
  const { variant } = await variants.create({
    projectId: delivery.job.projectId,
    modelId: current.variant.modelId,
    parentVariantId: current.variant.id,
    jobId: delivery.job.id,
    step: number,
    recipe: step,
    engineVersion: output.engineVersion,
    metrics: output.metrics,
  });
  if (variant.status === 'building') {
    await variants.markReady(variant.id, { artifactKey: stored.key, sha256: stored.sha256, metrics: output.metrics, report: output.report });
  }
  const settled = await variants.get(variant.id);
  if (settled?.status !== 'ready') {
    throw new JobFailure(JobErrorCode.Internal, `The variant of step ${String(number)} could not be marked ready (it is ${settled?.status ?? 'gone'}).`);
  }
  delivery.log(`Step ${String(number)} made variant ${settled.id} (${String(stored.size)} bytes).`);
  return { variant: settled, path: outputPath };
}

async function benchmarkStep(delivery: Delivery, current: Current & { readonly path: string }, step: BenchmarkStep, number: number, span: ProgressSpan): Promise<string> {
  const output = await delivery.runTask('benchmark', { modelPath: current.path, settings: benchmarkSettings(step) }, span);
  const benchmark = await delivery.deps.benchmarks.create({
    variantId: current.variant.id,
    device: output.device,
    runtime: output.results.runtime,
    results: output.results,
    jobId: delivery.job.id,
    step: number,
  });
  delivery.log(`Step ${String(number)} stored benchmark ${benchmark.id}.`);
  return benchmark.id;
}

/** The step without its `kind`: what the pipeline's benchmarkModel takes. */
export function benchmarkSettings(step: Omit<BenchmarkStep, 'kind'>): BenchmarkSettings {
  return {
    threads: step.threads,
    batchSizes: step.batchSizes,
    warmupRuns: step.warmupRuns,
    minRuns: step.minRuns,
    maxRuns: step.maxRuns,
    maxSecondsPerSeries: step.maxSecondsPerSeries,
    stabilityTolerance: step.stabilityTolerance,
    seed: step.seed,
    ...(step.inputShapes !== undefined && { inputShapes: step.inputShapes }),
  };
}
