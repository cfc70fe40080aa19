/** Turns `node:util` `parseArgs` failures into usage errors. */
import { usageError } from '../cli-error.ts';

function isParseArgsError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_');
}

function firstSentence(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  const end = flat.indexOf('. ');
  return end === -1 ? flat : flat.slice(0, end + 1);
}

/** Runs a `parseArgs` call; unknown options, missing values and the like become `CLI_ERR_USAGE`. */
export function parseCommandArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // Node's messages go on to explain `--` for positionals that start with '-'; the first sentence is the point.
    if (isParseArgsError(error)) throw usageError(`${firstSentence(error.message)} See --help.`);
    throw error;
  }
}

/** The one model path a command takes; a missing or extra positional is a usage error naming the command. */
export function singleModelPath(command: string, positionals: readonly string[], example = `whittle ${command} <model.onnx>`): string {
  const [path, ...extra] = positionals;
  if (path === undefined) throw usageError(`whittle ${command} needs a model path: ${example}.`);
  if (extra.length > 0) throw usageError(`whittle ${command} takes one model path; also found ${extra.map((e) => `'${e}'`).join(', ')}.`);
  return path;
}
