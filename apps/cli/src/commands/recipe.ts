/**
 * `whittle recipe <recipe.json> <model.onnx> -o <outdir>`: a recipe's steps in order, locally, as a recipe job runs
 * them on a worker. Each transforming step writes `step-<i>.onnx`; `report.json` holds every step's report; all
 * files appear together, or none (a failed run leaves the folder as it was).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { writeModel } from '@whittle/engine';
import { recipeRunReportSchema, runRecipe } from '@whittle/pipeline';
import { recipeSchema, type Recipe } from '@whittle/shared';
import { CliError, CliErrorCode, ExitCode, usageError } from '../cli-error.ts';
import { loadModelFile } from '../model-file.ts';
import { printJson } from '../output/json.ts';
import { describeIssues } from '../output/schema-issues.ts';
import { renderRecipeText } from '../output/recipe-text.ts';
import { stageOutput } from '../staged-output.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import type { Command } from './command.ts';

const HELP = `Usage: whittle recipe <recipe.json> <model.onnx> -o <outdir> [options]

Runs a recipe file (JSON, version 1: { "version": 1, "name"?: ..., "steps": [...] }) on a model, step by step, as the
studio's recipe jobs do. Steps:
  { "kind": "prune", "plan": <prune plan>, "foldBatchNorm"?: bool, "inputShapes"?: { "x": [1,3,48,192] } }
  { "kind": "benchmark", "threads"?: [1,2], "batchSizes"?: [1], "warmupRuns"?, "minRuns"?, "maxRuns"?,
    "maxSecondsPerSeries"?, "stabilityTolerance"?, "seed"?, "inputShapes"? }
Each prune step works on the previous step's model and writes <outdir>/step-<i>.onnx (i = the step's position, from
1) after its onnxruntime check; each benchmark step measures the current model. <outdir>/report.json holds every
step's report (prune: static estimates and measured file sizes; benchmark: measured figures only). The files appear
together when every step succeeded, or not at all.

Options:
  -o, --output <outdir>  folder for step-<i>.onnx and report.json (created if missing; same-named files are replaced)
  --json                 print the report as JSON as well
  -h, --help             show this help

Exit status: 0 success, 1 the recipe, model or a step's result is bad, 2 usage error.
`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

const REPORT_FILE = 'report.json';

function resolvePath(given: string, baseDir: string): string {
  return isAbsolute(given) ? given : resolve(baseDir, given);
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Reads and validates a recipe file. @throws CliError (file codes, `CLI_ERR_RECIPE_INVALID` naming the field) */
async function readRecipeFile(given: string, baseDir: string): Promise<Recipe> {
  let text: string;
  try {
    text = await readFile(resolvePath(given, baseDir), 'utf8');
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(CliErrorCode.FileNotFound, `No such file: '${given}'.`);
    throw new CliError(CliErrorCode.FileUnreadable, `Cannot read '${given}' (${code ?? 'unknown error'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(CliErrorCode.RecipeInvalid, `'${given}' is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const parsed = recipeSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new CliError(CliErrorCode.RecipeInvalid, `'${given}' is not a valid recipe: ${describeIssues(parsed.error.issues)}.`);
}

/** @public */
export const recipeCommand: Command = {
  name: 'recipe',
  summary: 'run a recipe file (prune and benchmark steps, in order) on a model, writing each step’s model and a report',
  help: HELP,
  async run(args, { env, io }) {
    const { values, positionals } = parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
    if (values.help) {
      io.out(HELP);
      return ExitCode.Ok;
    }
    const [recipePath, modelPath, ...extra] = positionals;
    if (recipePath === undefined || modelPath === undefined) {
      throw usageError('whittle recipe needs a recipe and a model: whittle recipe <recipe.json> <model.onnx> -o <outdir>.');
    }
    if (extra.length > 0) throw usageError(`whittle recipe takes one recipe and one model; also found ${extra.map((e) => `'${e}'`).join(', ')}.`);
    if (values.output === undefined || values.output === '') throw usageError('whittle recipe needs an output folder: -o <outdir>.');
    const outShown = values.output;

    const recipe = await readRecipeFile(recipePath, env.baseDir);
    const loaded = await loadModelFile(modelPath, env.baseDir);
    // Weights read from external data files travel inside the model the steps receive.
    const bytes = loaded.externalDataFiles.length === 0 ? loaded.bytes : writeModel(loaded.model);

    const staged = await stageOutput(resolvePath(outShown, env.baseDir), outShown);
    try {
      const report = await runRecipe(bytes, recipe, {
        fileName: loaded.file,
        onStep: async (step, output) => {
          if (step.kind === 'prune' && output !== undefined) await staged.write(step.output, output);
        },
      });
      await staged.write(REPORT_FILE, `${JSON.stringify(recipeRunReportSchema.parse(report), null, 2)}\n`);
      await staged.commit();
      if (values.json) printJson(io, recipeRunReportSchema, report);
      else io.out(renderRecipeText(report, outShown));
    } catch (error) {
      await staged.discard();
      throw error;
    }
    return ExitCode.Ok;
  },
};
