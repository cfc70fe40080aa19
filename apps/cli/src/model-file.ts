/** Reading a model file from disk: path resolution, file errors, decoding, external data. */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { externalFilesOf, loadExternalData, readModel } from '@whittle/engine';
import { fileByteSource } from '@whittle/engine/node-byte-source';
import type { LoadedModel } from '@whittle/pipeline';
import { CliError, CliErrorCode } from './cli-error.ts';

/** A decoded model (external data loaded), facts about its file, and the file's bytes. */
export interface LoadedModelFile extends LoadedModel {
  /** The model file's bytes as read (without its external data). */
  readonly bytes: Uint8Array;
}

/** Node's readFile refuses files of 2 GiB and more; protobuf cannot hold more than that anyway. */
const MAX_MODEL_FILE_BYTES = 2 ** 31 - 1;

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function readModelBytes(path: string, shown: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(CliErrorCode.FileUnreadable, `'${shown}' is a folder; expected an .onnx file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError(CliErrorCode.FileNotFound, `No such file: '${shown}'.`);
    throw new CliError(CliErrorCode.FileUnreadable, `Cannot read '${shown}' (${code ?? 'unknown error'}).`);
  }
  if (size > MAX_MODEL_FILE_BYTES) {
    throw new CliError(
      CliErrorCode.FileUnreadable,
      `'${shown}' has ${String(size)} bytes; an ONNX file holds at most 2 GiB (larger weights go in external data).`,
    );
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(CliErrorCode.FileUnreadable, `Cannot read '${shown}' (${errnoOf(error) ?? 'unknown error'}).`);
  }
}

/**
 * Reads, validates and decodes the model at `given` (relative paths resolve against `baseDir`), then reads its
 * external data from the model's folder through the engine's checked byte source.
 * @throws CliError for file problems, EngineError for model problems.
 */
export async function loadModelFile(given: string, baseDir: string): Promise<LoadedModelFile> {
  const path = isAbsolute(given) ? given : resolve(baseDir, given);
  const bytes = await readModelBytes(path, given);
  const decoded = readModel(bytes);
  const externalDataFiles = externalFilesOf(decoded);
  const model = externalDataFiles.length === 0 ? decoded : await loadExternalData(decoded, fileByteSource(dirname(path)));
  return { model, file: basename(path), sizeBytes: bytes.byteLength, externalDataFiles, bytes };
}
