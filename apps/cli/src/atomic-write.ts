/** Writing output files atomically: a temporary file in the same folder, then a rename over the target. */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError, CliErrorCode } from './cli-error.ts';

function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown error';
}

/**
 * Writes `data` to `path` so that readers see the old file or the complete new one, never a partial write: the bytes
 * go to `.<name>.<random>.tmp` beside the target, which is then renamed over it (atomic on one file system).
 * @param shown - the path as the user gave it, for messages (never the resolved host path).
 * @throws CliError `CLI_ERR_FILE_UNWRITABLE`
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string, shown: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new CliError(CliErrorCode.FileUnwritable, `Cannot write '${shown}' (${errnoOf(error)}).`);
  }
}
