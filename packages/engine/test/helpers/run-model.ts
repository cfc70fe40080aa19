import { ortNodeRuntime } from '../../adapters/ort-node.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import type { IrModel } from '../../src/ir/types.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { withExtraOutputs } from '../../src/runtime/extra-outputs.ts';
import { seededFloats } from './seeded.ts';

/** A float32 host tensor of the given shape with seeded values in [-1, 1). */
export function seededInput(dims: readonly number[], seed: number): HostTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  return { type: 'float32', dims: [...dims], data: seededFloats(count, seed) };
}

/** Runs ONNX bytes once in onnxruntime-node and returns every output. */
export async function runBytes(
  bytes: Uint8Array,
  feeds: Readonly<Record<string, HostTensor>>,
  options: { readonly optimization?: 'disabled' | 'all' } = {},
): Promise<Record<string, HostTensor>> {
  const session = await ortNodeRuntime.createSession(bytes, {
    intraOpThreads: 1,
    graphOptimization: options.optimization ?? 'disabled',
  });
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/** Runs an IR model with the named intermediate values exposed as extra outputs. */
export async function runWithIntermediates(
  model: IrModel,
  feeds: Readonly<Record<string, HostTensor>>,
  names: readonly string[],
): Promise<Record<string, HostTensor>> {
  return runBytes(writeModel(withExtraOutputs(model, names)), feeds);
}
