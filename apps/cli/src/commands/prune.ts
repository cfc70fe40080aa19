/**
 * `whittle prune <model.onnx> -o <out.onnx>`: structural channel pruning (and residual-block removal) driven by a
 * ratio or a plan file; the result is checked in onnxruntime before it is written atomically.
 */
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  EngineError,
  EngineErrorCode,
  PRUNE_CRITERIA,
  type CalibrationSource,
  type PruneCriterion,
  type PrunePlan,
} from '@whittle/engine';
import { pruneLoadedModel } from '@whittle/pipeline';
import { pruneCommandReportSchema, prunePlanSchema, type PruneCommandReport } from '@whittle/shared';
import { writeFileAtomic } from '../atomic-write.ts';
import { loadCalibration } from '../calibration-files.ts';
import { CliError, CliErrorCode, ExitCode, usageError } from '../cli-error.ts';
import { checkInputShapes, parseInputShapes } from '../input-shapes.ts';
import { loadModelFile } from '../model-file.ts';
import { printJson } from '../output/json.ts';
import { renderPruneText } from '../output/prune-text.ts';
import { parseCommandArgs, singleModelPath } from './parse-command-args.ts';
import type { Command } from './command.ts';

const HELP = `Usage: whittle prune <model.onnx> -o <out.onnx> (--ratio <r> [--global] | --plan <plan.json>) [options]

Removes channels of dependency groups (see 'whittle groups') and, optionally, whole residual blocks. The pruned model
is run in onnxruntime on a seeded input before it is written (atomically); params, MACs and weight bytes in the
report are static estimates, the file sizes and the runtime check are measured.

Options:
  -o, --output <out.onnx>      where to write the pruned model (required)
  --ratio <r>                  remove this fraction of channels, 0 ≤ r < 1, in every prunable group
  --global                     with --ratio: rank channels of all groups together (scores normalised per group)
  --plan <plan.json>           a prune plan (JSON, version 1), e.g. one written by --save-plan
  --criterion <name>           how channels are ranked: ${PRUNE_CRITERIA.join(', ')} (default l1)
  --round-to <n>               keep pruned channel counts at multiples of n (never below n)
  --exclude <n1,n2,...>        node labels to leave untouched (their groups are not pruned)
  --drop-blocks <b1,b2,...>    residual blocks to remove whole (ids from 'whittle groups')
  --calib <dir|file.npy>       calibration data for --criterion activation: a folder of .npy files or one file,
                               first axis = batch (default: seeded random inputs, reported as such)
  --seed <n>                   seed of --criterion random and of synthetic calibration (default 0)
  --fold-bn                    fold each BatchNormalization into the Conv/Gemm before it
  --save-plan <plan.json>      write the resolved explicit plan (replay it with --plan for the same output)
  --input-shape <name>=<dims>  concrete input shape (repeatable): for MACs and for the runtime check when inputs
                               have symbolic dims (otherwise batch 1 and 64 for other symbolic dims)
  --json                       print the report as JSON (validated against pruneCommandReportSchema)
  -h, --help                   show this help

Exit status: 0 success, 1 the model, plan, data or result is bad, 2 usage error.
`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  ratio: { type: 'string' },
  global: { type: 'boolean', default: false },
  plan: { type: 'string' },
  criterion: { type: 'string' },
  'round-to': { type: 'string' },
  exclude: { type: 'string', multiple: true, default: [] as string[] },
  'drop-blocks': { type: 'string', multiple: true, default: [] as string[] },
  calib: { type: 'string' },
  seed: { type: 'string' },
  'fold-bn': { type: 'boolean', default: false },
  'save-plan': { type: 'string' },
  'input-shape': { type: 'string', multiple: true, default: [] as string[] },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseOptions>['values'];

function parseOptions(args: readonly string[]) {
  return parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
}

function parseRatio(raw: string): number {
  const r = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(r) || r < 0 || r >= 1) throw usageError(`--ratio '${raw}' is not a number in [0, 1); e.g. --ratio 0.5.`);
  return r;
}

function parsePositiveInt(raw: string, flag: string, min: number): number {
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min) throw usageError(`${flag} '${raw}' is not an integer ≥ ${String(min)}.`);
  return Number(raw);
}

function parseCriterion(raw: string): PruneCriterion {
  const found = PRUNE_CRITERIA.find((c) => c === raw);
  if (found !== undefined) return found;
  const hint = raw === 'taylor' ? ' (taylor needs gradients; it arrives with fine-tuning, W6)' : '';
  throw usageError(`--criterion '${raw}' is not one of ${PRUNE_CRITERIA.join(', ')}${hint}.`);
}

function list(values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

/** Checks flag combinations that parseArgs cannot express. @throws CliError (usage) */
function checkCombinations(values: Values, positionals: readonly string[]): { path: string; output: string } {
  const path = singleModelPath('prune', positionals, 'whittle prune <model.onnx> -o <out.onnx> --ratio 0.5');
  if (values.output === undefined || values.output === '') throw usageError('whittle prune needs an output path: -o <out.onnx>.');
  if ((values.ratio === undefined) === (values.plan === undefined)) throw usageError('Give exactly one of --ratio <r> or --plan <plan.json>.');
  if (values.global && values.ratio === undefined) throw usageError('--global applies only with --ratio.');
  if (values.plan !== undefined) {
    const clashing = [
      values.criterion !== undefined && '--criterion',
      values['round-to'] !== undefined && '--round-to',
      values.exclude.length > 0 && '--exclude',
      values['drop-blocks'].length > 0 && '--drop-blocks',
      values.seed !== undefined && '--seed',
    ].filter((f): f is string => f !== false);
    if (clashing.length > 0) throw usageError(`${clashing.join(', ')} cannot be combined with --plan: the plan carries its own settings; edit the plan instead.`);
  }
  return { path, output: values.output };
}

function resolvePath(given: string, baseDir: string): string {
  return isAbsolute(given) ? given : resolve(baseDir, given);
}

/** Reads and validates a plan file. @throws CliError for file problems, EngineError `ENGINE_ERR_PLAN_INVALID`. */
async function readPlanFile(given: string, baseDir: string): Promise<PrunePlan> {
  let text: string;
  try {
    text = await readFile(resolvePath(given, baseDir), 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(CliErrorCode.FileNotFound, `No such file: '${given}'.`);
    throw new CliError(CliErrorCode.FileUnreadable, `Cannot read '${given}' (${code ?? 'unknown error'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EngineError(EngineErrorCode.PlanInvalid, `'${given}' is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const parsed = prunePlanSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.map(String).join('.')}`;
    throw new EngineError(EngineErrorCode.PlanInvalid, `'${given}' is not a valid prune plan${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function planFromFlags(values: Values, ratio: number): PrunePlan {
  const protect = list(values.exclude);
  const dropBlocks = list(values['drop-blocks']);
  return {
    version: 1,
    ratio,
    ...(values.global && { global: true }),
    criterion: values.criterion === undefined ? 'l1' : parseCriterion(values.criterion),
    ...(values.seed !== undefined && { seed: parsePositiveInt(values.seed, '--seed', 0) }),
    ...(values['round-to'] !== undefined && { roundTo: parsePositiveInt(values['round-to'], '--round-to', 1) }),
    ...(protect.length > 0 && { protect }),
    ...(dropBlocks.length > 0 && { dropBlocks }),
  };
}

/** Indented JSON with each list of indices on one line, so a plan stays readable in a diff. */
function formatPlan(plan: PrunePlan): string {
  return `${JSON.stringify(plan, null, 2).replace(/\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]/g, (_, nums: string) => `[${nums.split(/,\s*/).join(', ')}]`)}\n`;
}

/** @public */
export const pruneCommand: Command = {
  name: 'prune',
  summary: 'remove channels (and residual blocks) by ratio or plan; checks the result in onnxruntime',
  help: HELP,
  async run(args, { env, io }) {
    const { values, positionals } = parseOptions(args);
    if (values.help) {
      io.out(HELP);
      return ExitCode.Ok;
    }
    const { path, output } = checkCombinations(values, positionals);
    const flagPlan = values.ratio === undefined ? undefined : planFromFlags(values, parseRatio(values.ratio));
    const inputShapes = parseInputShapes(values['input-shape']);
    if (values.calib !== undefined && flagPlan !== undefined && flagPlan.criterion !== 'activation') {
      throw usageError('--calib is used only with --criterion activation.');
    }

    const plan = flagPlan ?? (await readPlanFile(values.plan ?? '', env.baseDir));
    const loaded = await loadModelFile(path, env.baseDir);
    checkInputShapes(loaded.model, inputShapes);
    let calibration: CalibrationSource | undefined;
    if (values.calib !== undefined) calibration = await loadCalibration(values.calib, env.baseDir, loaded.model);

    const outPath = resolvePath(output, env.baseDir);
    const pruned = await pruneLoadedModel(loaded, {
      plan,
      foldBatchNorm: values['fold-bn'],
      inputShapes,
      output: basename(outPath),
      inputShapeOption: '--input-shape',
      // The file's own bytes are the original unless its weights came from external data (then it is encoded whole).
      ...(loaded.externalDataFiles.length === 0 && { originalBytes: loaded.bytes }),
      ...(calibration !== undefined && { calibration }),
    });

    await writeFileAtomic(outPath, pruned.bytes, output);
    if (values['save-plan'] !== undefined) {
      await writeFileAtomic(resolvePath(values['save-plan'], env.baseDir), formatPlan(prunePlanSchema.parse(pruned.report.plan)), values['save-plan']);
    }
    const report: PruneCommandReport =
      values['save-plan'] === undefined
        ? pruned.report
        : { ...pruned.report, notes: [...pruned.report.notes, `The resolved plan was saved to '${basename(values['save-plan'])}'; replay it with --plan.`] };
    if (values.json) printJson(io, pruneCommandReportSchema, report);
    else io.out(renderPruneText(pruneCommandReportSchema.parse(report)));
    return ExitCode.Ok;
  },
};
