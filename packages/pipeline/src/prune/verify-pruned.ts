/** The onnxruntime check every transformed model passes before it is written. */
import { seededFloats, type HostTensor, type InferenceRuntime } from '@whittle/engine';
import type { PruneCommandReport } from '@whittle/shared';
import { PipelineError, PipelineErrorCode } from '../errors.ts';

function feedFor(dims: readonly number[], type: string | undefined, seed: number): HostTensor {
  const count = dims.reduce((a, b) => a * b, 1);
  if (type === 'int64') return { type: 'int64', dims, data: new BigInt64Array(count) };
  if (type === 'int32') return { type: 'int32', dims, data: new Int32Array(count) };
  if (type === 'float64') return { type: 'float64', dims, data: Float64Array.from(seededFloats(count, seed)) };
  return { type: 'float32', dims, data: seededFloats(count, seed) };
}

function allFinite(t: HostTensor): boolean {
  if (t.data instanceof Float32Array || t.data instanceof Float64Array) return t.data.every(Number.isFinite);
  return true;
}

async function runOnce(runtime: InferenceRuntime, bytes: Uint8Array, dims: Readonly<Record<string, readonly number[]>>): Promise<Record<string, HostTensor>> {
  const session = await runtime.createSession(bytes, { intraOpThreads: 1 });
  try {
    const types = new Map(session.inputMetadata.map((m) => [m.name, m.type]));
    const feeds = Object.fromEntries(Object.entries(dims).map(([name, d], i) => [name, feedFor(d, types.get(name), 7 + i)]));
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

/**
 * Runs the original and the pruned model on the same seeded input: the pruned model must load, run, return the same
 * outputs with the same dims, and stay finite wherever the original is.
 * @throws PipelineError `PIPELINE_ERR_VERIFY_FAILED` (runtime load/run failures surface as `ENGINE_ERR_RUNTIME`)
 * @public
 */
export async function verifyPruned(
  runtime: InferenceRuntime,
  original: Uint8Array,
  pruned: Uint8Array,
  dims: Readonly<Record<string, readonly number[]>>,
): Promise<PruneCommandReport['verification']> {
  const before = await runOnce(runtime, original, dims);
  const after = await runOnce(runtime, pruned, dims);
  const outputs: Record<string, readonly number[]> = {};
  let finite = true;
  for (const [name, t] of Object.entries(before)) {
    const p = after[name];
    if (p === undefined) throw new PipelineError(PipelineErrorCode.VerifyFailed, `The pruned model lost output '${name}'; nothing was written.`);
    if (p.dims.join(',') !== t.dims.join(',')) {
      throw new PipelineError(PipelineErrorCode.VerifyFailed, `Output '${name}' has dims [${p.dims.join(',')}] after pruning; expected [${t.dims.join(',')}] as before. Nothing was written.`);
    }
    if (allFinite(t) && !allFinite(p)) {
      throw new PipelineError(PipelineErrorCode.VerifyFailed, `Output '${name}' of the pruned model holds NaN or infinite values on a seeded input; nothing was written.`);
    }
    finite &&= allFinite(p);
    outputs[name] = p.dims;
  }
  return { runtime: runtime.name, inputs: dims, outputs, finite };
}
