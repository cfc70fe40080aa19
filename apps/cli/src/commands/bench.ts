/** `whittle bench <model.onnx>`: measured latency percentiles and throughput in onnxruntime-node on this machine. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { writeModel } from '@whittle/engine';
import { benchmarkModel, isPipelineError, PipelineError, PipelineErrorCode } from '@whittle/pipeline';
import { benchmarkResultsSchema, benchmarkSettingsSchema, type BenchmarkSettings } from '@whittle/shared';
import { ExitCode, usageError } from '../cli-error.ts';
import { checkInputShapes, parseInputShapes } from '../input-shapes.ts';
import { loadModelFile } from '../model-file.ts';
import { renderBenchText } from '../output/bench-text.ts';
import { printJson } from '../output/json.ts';
import { parseIntFlag, parseIntList, parsePositiveNumber } from './parse-numbers.ts';
import { parseCommandArgs, singleModelPath } from './parse-command-args.ts';
import type { Command } from './command.ts';

const HELP = `Usage: whittle bench <model.onnx> [options]

Measures the model in onnxruntime-node (CPU) on this machine: one series per thread count and batch size, each in a
fresh session. Warm-up runs are discarded; then runs continue in windows until two consecutive window medians agree
within 2% (or a cap). Prints p50/p90/p99 (nearest rank), min, max and throughput per series. Every figure is
measured, none is estimated; inputs are seeded random values (zeros for integer inputs).

Options:
  --threads <n1,n2,...>        intra-op thread counts to measure (default 1)
  --batch <b1,b2,...>          batch sizes, fed on the first axis of every input (default 1)
  --warmup <n>                 runs discarded before measuring (default 5)
  --min-runs <n>               measured runs at least, per series (default 20)
  --max-runs <n>               measured runs at most, per series (default 500)
  --max-seconds <s>            stop a series after s seconds once --min-runs are in (default 20)
  --input-shape <name>=<dims>  concrete shape of an input with symbolic dims besides the batch axis, e.g.
                               --input-shape x=1,3,640,640 (repeatable); sizes are never guessed
  --json                       print the results as JSON (validated against benchmarkResultsSchema)
  -h, --help                   show this help

Exit status: 0 success, 1 the model or file is bad (or an input shape is missing), 2 usage error.
`;

const OPTIONS = {
  threads: { type: 'string', multiple: true, default: [] as string[] },
  batch: { type: 'string', multiple: true, default: [] as string[] },
  warmup: { type: 'string' },
  'min-runs': { type: 'string' },
  'max-runs': { type: 'string' },
  'max-seconds': { type: 'string' },
  'input-shape': { type: 'string', multiple: true, default: [] as string[] },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** The flag behind each settings field, for messages. */
const FLAG_OF: Readonly<Record<string, string>> = {
  threads: '--threads',
  batchSizes: '--batch',
  warmupRuns: '--warmup',
  minRuns: '--min-runs',
  maxRuns: '--max-runs',
  maxSecondsPerSeries: '--max-seconds',
  inputShapes: '--input-shape',
};

type Values = ReturnType<typeof parseOptions>['values'];

function parseOptions(args: readonly string[]) {
  return parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
}

/** Settings from the flags, checked against the shared schema (bounds, minRuns ≤ maxRuns). @throws CliError (usage) */
function settingsFrom(values: Values, inputShapes: Readonly<Record<string, readonly number[]>>): BenchmarkSettings {
  const raw = {
    ...(values.threads.length > 0 && { threads: parseIntList(values.threads, '--threads') }),
    ...(values.batch.length > 0 && { batchSizes: parseIntList(values.batch, '--batch') }),
    ...(values.warmup !== undefined && { warmupRuns: parseIntFlag(values.warmup, '--warmup') }),
    ...(values['min-runs'] !== undefined && { minRuns: parseIntFlag(values['min-runs'], '--min-runs') }),
    ...(values['max-runs'] !== undefined && { maxRuns: parseIntFlag(values['max-runs'], '--max-runs') }),
    ...(values['max-seconds'] !== undefined && { maxSecondsPerSeries: parsePositiveNumber(values['max-seconds'], '--max-seconds') }),
    ...(Object.keys(inputShapes).length > 0 && { inputShapes }),
  };
  const parsed = benchmarkSettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue?.code === 'custom') {
    // The one cross-field rule; either side may be a default the user never typed.
    const defaults = benchmarkSettingsSchema.parse({});
    const [min, max] = [raw.minRuns ?? defaults.minRuns, raw.maxRuns ?? defaults.maxRuns];
    throw usageError(`--min-runs ${String(min)} exceeds --max-runs ${String(max)}; the minimum must not exceed the maximum.`);
  }
  const field = String(issue?.path[0] ?? '');
  throw usageError(`${FLAG_OF[field] ?? field}: ${issue?.message ?? 'invalid value'}.`);
}

/** @public */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'measure latency percentiles and throughput in onnxruntime-node on this machine',
  help: HELP,
  async run(args, { env, io }) {
    const { values, positionals } = parseOptions(args);
    if (values.help) {
      io.out(HELP);
      return ExitCode.Ok;
    }
    const path = singleModelPath('bench', positionals);
    const inputShapes = parseInputShapes(values['input-shape']);
    const settings = settingsFrom(values, inputShapes);
    const loaded = await loadModelFile(path, env.baseDir);
    checkInputShapes(loaded.model, inputShapes);
    // Weights read from external data files travel inside the model handed to onnxruntime.
    const bytes = loaded.externalDataFiles.length === 0 ? loaded.bytes : writeModel(loaded.model);
    const results = await benchmarkModel(bytes, settings).catch((error: unknown) => {
      // Same code; the message names the flag that supplies the shape.
      if (isPipelineError(error) && error.code === PipelineErrorCode.InputShapeRequired) {
        throw new PipelineError(error.code, `${error.message} Give it with --input-shape <name>=<dims>.`);
      }
      throw error;
    });
    if (values.json) printJson(io, benchmarkResultsSchema, results);
    else io.out(renderBenchText(loaded.file, benchmarkResultsSchema.parse(results)));
    return ExitCode.Ok;
  },
};
