/**
 * Errors of the command line itself (usage, files). Engine problems keep their `ENGINE_ERR_*` codes.
 */

/**
 * Stable codes of CLI-level failures.
 * @public
 */
export const CliErrorCode = {
  /** Bad arguments: unknown command or option, missing model path, malformed `--input-shape`. */
  Usage: 'CLI_ERR_USAGE',
  /** The model path does not exist. */
  FileNotFound: 'CLI_ERR_FILE_NOT_FOUND',
  /** The model path exists but cannot be read as a file (a folder, no permission, too large). */
  FileUnreadable: 'CLI_ERR_FILE_UNREADABLE',
  /** An output file (pruned model, saved plan) could not be written. */
  FileUnwritable: 'CLI_ERR_FILE_UNWRITABLE',
  /** The transformed model did not pass its onnxruntime check before it was written (nothing was written). */
  VerifyFailed: 'CLI_ERR_VERIFY_FAILED',
  /** A recipe file is not JSON or does not match the recipe schema (the message names the field). */
  RecipeInvalid: 'CLI_ERR_RECIPE_INVALID',
  /** A failure the CLI did not expect (a bug); the message says what happened, never with a stack trace. */
  Internal: 'CLI_ERR_INTERNAL',
} as const;

/** @public */
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/**
 * Exit statuses: 0 success, 1 the model or a file is bad (or an unexpected failure), 2 usage errors.
 * @public
 */
export const ExitCode = { Ok: 0, Failure: 1, Usage: 2 } as const;

/** @public */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected CLI failure with a stable code and an exit status.
 * @public
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: ExitCode = code === CliErrorCode.Usage ? ExitCode.Usage : ExitCode.Failure,
  ) {
    super(message);
  }
}

/** A usage error (exit status 2). */
export function usageError(message: string): CliError {
  return new CliError(CliErrorCode.Usage, message);
}
