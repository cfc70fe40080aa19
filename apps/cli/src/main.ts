/**
 * `whittle`: the engine from a terminal. Parses the command name, dispatches to the command registry and prints
 * every expected failure as `error <CODE>: <message>` (and as a JSON error body with --json) — never a stack trace.
 */
import { resolve } from 'node:path';
import { isEngineError } from '@whittle/engine';
import { isPipelineError, PipelineErrorCode } from '@whittle/pipeline';
import { CliError, CliErrorCode, ExitCode, usageError } from './cli-error.ts';
import type { CommandContext } from './commands/command.ts';
import { COMMANDS } from './commands/registry.ts';
import { loadCliEnv } from './env.ts';
import { processIo, type CliIo } from './io.ts';
import { printJsonError } from './output/json.ts';

function mainHelp(): string {
  const width = Math.max(...[...COMMANDS.keys()].map((n) => n.length));
  const lines = [...COMMANDS.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: whittle <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'whittle <command> --help' for a command's options.\n`;
}

/** Prints an error the stable way and returns the exit status. */
function report(error: unknown, io: CliIo, json: boolean): ExitCode {
  let code: string;
  let message: string;
  let exit: ExitCode;
  if (error instanceof CliError) {
    [code, message, exit] = [error.code, error.message, error.exitCode];
  } else if (isEngineError(error)) {
    [code, message, exit] = [error.code, error.message, ExitCode.Failure];
  } else if (isPipelineError(error)) {
    // The onnxruntime check has always been reported as the CLI's own code; other pipeline codes keep theirs.
    const shown = error.code === PipelineErrorCode.VerifyFailed ? CliErrorCode.VerifyFailed : error.code;
    [code, message, exit] = [shown, error.message, ExitCode.Failure];
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    [code, message, exit] = [CliErrorCode.Internal, `Unexpected failure: ${detail.split('\n')[0] ?? ''}`, ExitCode.Failure];
  }
  io.err(`error ${code}: ${message}\n`);
  if (json) printJsonError(io, code, message);
  return exit;
}

/** Runs `whittle` with `argv` (without the node and script paths) and returns the exit status. */
export async function main(argv: readonly string[], ctx: CommandContext): Promise<ExitCode> {
  const json = argv.includes('--json');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const command = topic === undefined ? undefined : COMMANDS.get(topic);
      if (topic !== undefined && command === undefined) throw usageError(`Unknown command '${topic}'.`);
      if (name === undefined) {
        ctx.io.err(mainHelp());
        return ExitCode.Usage;
      }
      ctx.io.out(command?.help ?? mainHelp());
      return ExitCode.Ok;
    }
    const command = COMMANDS.get(name);
    if (command === undefined) {
      throw usageError(`Unknown command '${name}'; commands: ${[...COMMANDS.keys()].join(', ')}. Run 'whittle --help'.`);
    }
    return await command.run(rest, ctx);
  } catch (error) {
    return report(error, ctx.io, json);
  }
}

// Run only as the entry point (`tsx src/main.ts …`), so tests can import `main` and drive it in-process.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = await main(process.argv.slice(2), { env: loadCliEnv(), io: processIo });
}
