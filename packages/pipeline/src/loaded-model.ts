/** A decoded model with the facts about its file that reports carry. */
import { externalFilesOf, readModel, type IrModel } from '@whittle/engine';

/** @public */
export interface LoadedModel {
  readonly model: IrModel;
  /** Base name of the model file (for reports; never used as a path). */
  readonly file: string;
  /** Size of the model file in bytes (measured). */
  readonly sizeBytes: number;
  /** External-data files the model references, in first-use order. */
  readonly externalDataFiles: readonly string[];
}

/**
 * Reads and validates `bytes` (every `ENGINE_ERR_*` check runs before anything large is allocated). External data is
 * not loaded: the pipeline works on single-file models; the CLI loads files beside the model itself.
 * @throws EngineError
 */
export function loadModelBytes(bytes: Uint8Array, fileName: string): LoadedModel {
  const model = readModel(bytes);
  return { model, file: fileName, sizeBytes: bytes.byteLength, externalDataFiles: externalFilesOf(model) };
}
