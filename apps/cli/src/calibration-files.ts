/** `--calib <dir|file.npy>`: reads NPY calibration arrays from disk and hands their bytes to the engine. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { npyCalibration, readNpy, type CalibrationSource, type IrModel, type NamedArray } from '@whittle/engine';
import { CliError, CliErrorCode } from './cli-error.ts';

/** Calibration files above this size are refused before they are read (the NPY reader's own limit is 1 GiB). */
const MAX_CALIB_FILE_BYTES = 2 ** 30;

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function readArray(path: string, shown: string): Promise<NamedArray> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.size > MAX_CALIB_FILE_BYTES) {
      throw new CliError(CliErrorCode.FileUnreadable, `'${shown}' has ${String(info.size)} bytes; calibration files may have at most ${String(MAX_CALIB_FILE_BYTES)}.`);
    }
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(CliErrorCode.FileUnreadable, `Cannot read '${shown}' (${errnoOf(error) ?? 'unknown error'}).`);
  }
  return { name: basename(path).replace(/\.npy$/i, ''), array: readNpy(bytes) };
}

/**
 * A calibration source from a folder of `.npy` files (sorted by name; other files are ignored) or one `.npy` file.
 * @throws CliError for missing or unreadable paths; EngineError `ENGINE_ERR_DATA_*` for bad arrays.
 */
export async function loadCalibration(given: string, baseDir: string, model: IrModel): Promise<CalibrationSource> {
  const path = isAbsolute(given) ? given : resolve(baseDir, given);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(CliErrorCode.FileNotFound, `No such file or folder: '${given}'.`);
    throw new CliError(CliErrorCode.FileUnreadable, `Cannot read '${given}' (${code ?? 'unknown error'}).`);
  }
  if (!isDirectory) return npyCalibration(model, [await readArray(path, given)], { label: `'${basename(path)}'` });
  const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.npy')).sort();
  if (names.length === 0) throw new CliError(CliErrorCode.FileUnreadable, `The folder '${given}' holds no .npy files.`);
  const arrays: NamedArray[] = [];
  for (const n of names) arrays.push(await readArray(join(path, n), `${given}/${n}`));
  return npyCalibration(model, arrays, { label: `${String(names.length)} .npy file${names.length === 1 ? '' : 's'} in '${basename(path)}'` });
}
