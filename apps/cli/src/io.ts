/** Where the CLI writes: injectable so commands can be driven in-process. */

/** @public */
export interface CliIo {
  /** Writes text to standard output as is (callers add the newline). */
  out(text: string): void;
  /** Writes text to standard error as is. */
  err(text: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
