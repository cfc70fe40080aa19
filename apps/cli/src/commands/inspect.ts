/** `whittle inspect <model.onnx>`: model facts and static cost estimates, as tables or JSON. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildInspectReport } from '@whittle/pipeline';
import { inspectReportSchema } from '@whittle/shared';
import { ExitCode } from '../cli-error.ts';
import { checkInputShapes, parseInputShapes } from '../input-shapes.ts';
import { loadModelFile } from '../model-file.ts';
import { renderInspectText } from '../output/inspect-text.ts';
import { printJson } from '../output/json.ts';
import { parseCommandArgs, singleModelPath } from './parse-command-args.ts';
import type { Command } from './command.ts';

const HELP = `Usage: whittle inspect <model.onnx> [options]

Reads an ONNX model and prints its inputs and outputs, operator counts, parameters, MACs and the largest
activation. Every cost figure is a static estimate from the graph, not a measurement.

Options:
  --json                       print the report as JSON (validated against inspectReportSchema)
  --input-shape <name>=<dims>  concrete shape for a graph input, e.g. --input-shape x=1,3,320,320
                               (repeat for several inputs); needed for MACs when inputs have symbolic dims
  -h, --help                   show this help

Exit status: 0 success, 1 the model or file is bad, 2 usage error.
`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  'input-shape': { type: 'string', multiple: true, default: [] as string[] },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** @public */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'print a model’s inputs, outputs, operators, parameters and estimated MACs',
  help: HELP,
  async run(args, { env, io }) {
    const { values, positionals } = parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
    if (values.help) {
      io.out(HELP);
      return ExitCode.Ok;
    }
    const path = singleModelPath('inspect', positionals);
    const inputShapes = parseInputShapes(values['input-shape']);
    const loaded = await loadModelFile(path, env.baseDir);
    checkInputShapes(loaded.model, inputShapes);
    const report = buildInspectReport(loaded, inputShapes);
    if (values.json) printJson(io, inspectReportSchema, report);
    else io.out(renderInspectText(inspectReportSchema.parse(report)));
    return ExitCode.Ok;
  },
};
