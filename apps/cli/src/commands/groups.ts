/** `whittle groups <model.onnx>`: the dependency groups structural pruning works on, and residual-block candidates. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildGroupsReport } from '@whittle/pipeline';
import { groupsReportSchema } from '@whittle/shared';
import { ExitCode } from '../cli-error.ts';
import { checkInputShapes, parseInputShapes } from '../input-shapes.ts';
import { loadModelFile } from '../model-file.ts';
import { renderGroupsText } from '../output/groups-text.ts';
import { printJson } from '../output/json.ts';
import { parseCommandArgs, singleModelPath } from './parse-command-args.ts';
import type { Command } from './command.ts';

const HELP = `Usage: whittle groups <model.onnx> [options]

Lists the model's dependency groups: every set of tensor axes whose channels must be removed together (a Conv's
output channels, the BatchNorm after it, both inputs of a residual Add, the consumers' input channels, ...), with
their root node, members (node, side in/out/param, value, axis), channel count, and whether they can be pruned or
what blocks them. Also lists residual blocks y = x + f(x) whose body f can be removed whole, with its estimated cost.

Options:
  --json                       print the report as JSON (validated against groupsReportSchema)
  --members                    also print every group's members as tables (always in --json)
  --input-shape <name>=<dims>  concrete shape for a graph input, e.g. --input-shape x=1,3,320,320 (repeatable);
                               needed for block MACs when inputs have symbolic dims
  -h, --help                   show this help

Exit status: 0 success, 1 the model or file is bad, 2 usage error.
`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  members: { type: 'boolean', default: false },
  'input-shape': { type: 'string', multiple: true, default: [] as string[] },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** @public */
export const groupsCommand: Command = {
  name: 'groups',
  summary: 'list the dependency groups structural pruning works on, and removable residual blocks',
  help: HELP,
  async run(args, { env, io }) {
    const { values, positionals } = parseCommandArgs(() => parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true }));
    if (values.help) {
      io.out(HELP);
      return ExitCode.Ok;
    }
    const path = singleModelPath('groups', positionals);
    const inputShapes = parseInputShapes(values['input-shape']);
    const loaded = await loadModelFile(path, env.baseDir);
    checkInputShapes(loaded.model, inputShapes);
    const report = buildGroupsReport(loaded, inputShapes);
    if (values.json) printJson(io, groupsReportSchema, report);
    else io.out(renderGroupsText(groupsReportSchema.parse(report), { members: values.members }));
    return ExitCode.Ok;
  },
};
