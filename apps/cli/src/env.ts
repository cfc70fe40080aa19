/**
 * What the CLI reads from its environment. The only reader of `process.env` in the app (DESIGN.md §2).
 */

/** @public */
export interface CliEnv {
  /**
   * Folder that relative model paths are resolved against: the folder the user ran `pnpm whittle` in (pnpm
   * sets `INIT_CWD` and runs the script from the repository root), else the process's working directory.
   */
  readonly baseDir: string;
}

/**
 * Reads the CLI's settings.
 * @param source - the variables to read; `process.env` unless a caller passes its own.
 * @param cwd - the working directory to fall back to.
 * @public
 */
export function loadCliEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): CliEnv {
  const initCwd = source.INIT_CWD?.trim();
  return { baseDir: initCwd === undefined || initCwd === '' ? cwd : initCwd };
}
