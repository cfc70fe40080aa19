/**
 * A recipe's steps in order over model bytes: each transforming step (prune) turns the current model into a new one,
 * each measuring step (benchmark) measures the current model. What `whittle recipe` runs locally.
 */
import { EngineError, isEngineError, type InferenceRuntime } from '@whittle/engine';
import type { BenchmarkSettings, Recipe, RecipeStep } from '@whittle/shared';
import { benchmarkModel } from '../benchmark/benchmark-model.ts';
import { deviceLabel } from '../device.ts';
import { isPipelineError, PipelineError, PipelineErrorCode } from '../errors.ts';
import { pruneModel } from '../prune/prune-model.ts';
import { progressSlice, stepContext, throwIfCancelled, type StepContext } from '../step-context.ts';
import { engineVersion } from '../versions.ts';
import { recipeRunReportSchema, type RecipeRunReport, type RecipeStepReport } from './recipe-report.ts';

/** @public */
export interface RecipeContext extends StepContext {
  /** The input model's file name (reports); default `model.onnx`. */
  readonly fileName?: string;
  /** Runtime of the prune steps' onnxruntime check; default onnxruntime-node on the CPU. */
  readonly runtime?: InferenceRuntime;
  /** Called after each step, before the next starts (the CLI stages each output file here). */
  readonly onStep?: (step: RecipeStepReport, bytes: Uint8Array | undefined) => Promise<void> | void;
}

type BenchmarkStep = Extract<RecipeStep, { kind: 'benchmark' }>;

/** A benchmark step's settings: the step without its `kind`. */
function benchmarkSettingsOf(step: BenchmarkStep): BenchmarkSettings {
  const settings: Omit<BenchmarkStep, 'kind'> & { kind?: BenchmarkStep['kind'] } = { ...step };
  delete settings.kind;
  return settings;
}

/** A step's coded error with the step named in its message (same class, same code); other errors untouched. */
function inStep(error: unknown, step: number, kind: string): unknown {
  const where = `Recipe step ${String(step)} (${kind}): `;
  if (isEngineError(error)) return new EngineError(error.code, where + error.message, error.at);
  if (isPipelineError(error) && error.code !== PipelineErrorCode.Cancelled) return new PipelineError(error.code, where + error.message);
  return error;
}

/** The file name of the model recipe step `step` (1-based) produces. @public */
export function recipeStepFile(step: number): string {
  return `step-${String(step)}.onnx`;
}

interface StepOutcome {
  readonly report: RecipeStepReport;
  /** The step's model, for transforming steps. */
  readonly bytes: Uint8Array | undefined;
}

/** Runs one step on `current` (named `currentFile` in reports). */
async function runStep(current: Uint8Array, currentFile: string, step: RecipeStep, number: number, ctx: RecipeContext): Promise<StepOutcome> {
  if (step.kind === 'prune') {
    const output = recipeStepFile(number);
    const result = await pruneModel(
      current,
      { plan: step.plan, foldBatchNorm: step.foldBatchNorm, ...(step.inputShapes !== undefined && { inputShapes: step.inputShapes }) },
      { ...ctx, fileName: currentFile },
    );
    return { report: { step: number, kind: 'prune', output, report: { ...result.report, output }, metrics: result.metrics }, bytes: result.bytes };
  }
  const results = await benchmarkModel(current, benchmarkSettingsOf(step), ctx);
  return { report: { step: number, kind: 'benchmark', model: currentFile, device: deviceLabel(), results }, bytes: undefined };
}

/**
 * Runs `recipe` on the model in `bytes`. Step numbers are positions in the recipe, from 1. A step's coded error names
 * the step in its message and keeps its code.
 * @throws EngineError, PipelineError (as the steps throw them), after the steps before it have reported.
 * @public
 */
export async function runRecipe(bytes: Uint8Array, recipe: Recipe, context: RecipeContext = {}): Promise<RecipeRunReport> {
  const ctx = stepContext(context);
  const file = ctx.fileName ?? 'model.onnx';
  let current = bytes;
  let currentFile = file;
  const steps: RecipeStepReport[] = [];
  const count = recipe.steps.length;

  for (const [index, step] of recipe.steps.entries()) {
    throwIfCancelled(ctx, 'The recipe');
    const number = index + 1;
    ctx.log?.(`step ${String(number)}/${String(count)}: ${step.kind}`);
    const outcome = await runStep(current, currentFile, step, number, progressSlice(ctx, index / count, number / count)).catch((error: unknown) => {
      throw inStep(error, number, step.kind);
    });
    steps.push(outcome.report);
    await ctx.onStep?.(outcome.report, outcome.bytes);
    if (outcome.bytes !== undefined && outcome.report.kind === 'prune') {
      current = outcome.bytes;
      currentFile = outcome.report.output;
    }
  }
  return recipeRunReportSchema.parse({ recipe: recipe.name ?? null, file, engineVersion: engineVersion(), steps } satisfies RecipeRunReport);
}
