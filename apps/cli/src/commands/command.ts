/** The shape of a CLI command, and the context every command runs in. */
import type { ExitCode } from '../cli-error.ts';
import type { CliEnv } from '../env.ts';
import type { CliIo } from '../io.ts';

/** @public */
export interface CommandContext {
  readonly env: CliEnv;
  readonly io: CliIo;
}

/**
 * One `whittle <name>` command. Commands parse their own arguments (`node:util` `parseArgs`, strict) and throw
 * `CliError` or `EngineError` for expected failures; `main.ts` prints those.
 * @public
 */
export interface Command {
  readonly name: string;
  /** One line for `whittle --help`. */
  readonly summary: string;
  /** The full text of `whittle <name> --help`. */
  readonly help: string;
  run(args: readonly string[], ctx: CommandContext): Promise<ExitCode>;
}
