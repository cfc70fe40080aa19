/**
 * Several output files that appear together or not at all: each is written into a hidden staging folder inside the
 * output folder, then renamed into place (same file system, so each rename is atomic) in the order given — the file
 * that marks a complete run goes last. A failed run removes the staging folder and leaves the output folder as it was
 * (removing it again if this run created it).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, CliErrorCode } from './cli-error.ts';

function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
}

/** @public */
export interface StagedOutput {
  /** Stages `name` (a plain file name) with `data`. */
  write(name: string, data: Uint8Array | string): Promise<void>;
  /** Moves every staged file into the output folder, in staging order, then removes the staging folder. */
  commit(): Promise<void>;
  /** Removes the staging folder and everything in it. */
  discard(): Promise<void>;
}

/**
 * Creates `dir` (and its parents) and a staging folder in it.
 * @param shown - the folder as the user gave it, for messages (never the resolved host path).
 * @throws CliError `CLI_ERR_FILE_UNWRITABLE`
 */
export async function stageOutput(dir: string, shown: string): Promise<StagedOutput> {
  const staging = join(dir, `.whittle-${randomBytes(6).toString('hex')}.tmp`);
  let created: string | undefined;
  try {
    // The first folder this call created (undefined when `dir` already existed).
    created = await mkdir(dir, { recursive: true });
    await mkdir(staging);
  } catch (error) {
    throw new CliError(CliErrorCode.FileUnwritable, `Cannot write into '${shown}' (${errnoOf(error)}).`);
  }
  const names: string[] = [];
  const removeStaging = async (): Promise<void> => {
    await rm(staging, { recursive: true, force: true });
  };
  return {
    async write(name, data) {
      try {
        await writeFile(join(staging, name), data, { flag: 'wx' });
      } catch (error) {
        throw new CliError(CliErrorCode.FileUnwritable, `Cannot write '${shown}/${name}' (${errnoOf(error)}).`);
      }
      names.push(name);
    },
    async commit() {
      for (const name of names) {
        try {
          await rename(join(staging, name), join(dir, name));
        } catch (error) {
          throw new CliError(CliErrorCode.FileUnwritable, `Cannot write '${shown}/${name}' (${errnoOf(error)}).`);
        }
      }
      await removeStaging();
    },
    async discard() {
      await removeStaging();
      // Only the folder itself, and only while empty: never anything a user put there meanwhile.
      if (created !== undefined) await rmdir(dir).catch(() => undefined);
    },
  };
}
