import { dimKey } from '../groups/dim-ref.ts';
import type { DimRef } from '../groups/types.ts';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { halfToFloat } from '../ir/tensor.ts';
import { writeModel } from '../onnx/codec.ts';
import type { HostTensor } from '../runtime/inference-runtime.ts';
import { withExtraOutputs } from '../runtime/extra-outputs.ts';
import { randomCalibration } from './calibration.ts';
import type { Importance, ImportanceContext } from './types.ts';

/** Per source dim (`value:axis`): Σ|x| per channel and how many entries each channel summed. */
interface ActivationStats {
  readonly sums: ReadonlyMap<string, Float64Array>;
  readonly counts: ReadonlyMap<string, number>;
  readonly batches: number;
  readonly label: string;
}

const stats = new WeakMap<ImportanceContext, Promise<ActivationStats>>();

function toNumbers(t: HostTensor): ArrayLike<number> | undefined {
  switch (t.type) {
    case 'float32':
    case 'float64':
      return t.data instanceof Float32Array || t.data instanceof Float64Array ? t.data : undefined;
    case 'float16':
      return t.data instanceof Uint16Array ? Float32Array.from(t.data, halfToFloat) : undefined;
    default:
      return undefined;
  }
}

/** Adds Σ|x| along every axis but `axis` into `sum` (length = dims[axis]); returns the entries per channel added. */
function accumulate(values: ArrayLike<number>, dims: readonly number[], axis: number, sum: Float64Array): number {
  const n = dims[axis] ?? 0;
  let inner = 1;
  for (let a = axis + 1; a < dims.length; a++) inner *= dims[a] ?? 1;
  const outer = n === 0 || inner === 0 ? 0 : values.length / (n * inner);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < inner; j++) s += Math.abs(values[k++] ?? 0);
      sum[i] = (sum[i] ?? 0) + s;
    }
  }
  return outer * inner;
}

/**
 * Runs every calibration batch once with the source values of all prunable groups exposed as extra outputs, and
 * accumulates Σ|x| per channel. One pass serves every group.
 */
async function collect(ctx: ImportanceContext): Promise<ActivationStats> {
  if (ctx.runtime === undefined) {
    throw new EngineError(EngineErrorCode.Unsupported, 'Importance "activation" runs calibration batches and needs an inference runtime; none was given.');
  }
  const sources = new Map<string, DimRef>();
  for (const g of ctx.groups) if (g.channels.length > 0) for (const s of g.sources) sources.set(dimKey(s), s);
  const values = [...new Set([...sources.values()].map((s) => s.value))];
  const calibration = ctx.calibration ?? randomCalibration(ctx.model, { seed: ctx.seed, inputShapes: ctx.inputShapes });
  const session = await ctx.runtime.createSession(writeModel(withExtraOutputs(ctx.model, values)), { graphOptimization: 'basic' });
  const sums = new Map<string, Float64Array>();
  const counts = new Map<string, number>();
  let batches = 0;
  try {
    for await (const feeds of calibration.batches()) {
      if (ctx.signal?.aborted === true) throw new EngineError(EngineErrorCode.Aborted, 'Activation importance was cancelled.');
      const out = await session.run(feeds, values);
      batches++;
      for (const [key, dim] of sources) {
        const t = out[dim.value];
        const numbers = t === undefined ? undefined : toNumbers(t);
        if (t === undefined || numbers === undefined) continue;
        let sum = sums.get(key);
        if (sum === undefined) {
          sum = new Float64Array(t.dims[dim.axis] ?? 0);
          sums.set(key, sum);
        }
        if (sum.length !== t.dims[dim.axis]) continue;
        counts.set(key, (counts.get(key) ?? 0) + accumulate(numbers, t.dims, dim.axis, sum));
      }
    }
  } finally {
    await session.release();
  }
  if (batches === 0) throw new EngineError(EngineErrorCode.DataInputMismatch, `The calibration set (${calibration.label}) yielded no batches.`);
  return { sums, counts, batches, label: calibration.label };
}

/**
 * Mean |activation|: each channel scores the mean absolute value of the group's source outputs (the Conv/Gemm
 * outputs its channels are produced at) over the calibration batches, summed over the group's sources. Data-driven
 * criteria of this kind go back to Hu et al.'s APoZ ("Network Trimming", 2016) and Molchanov et al. (ICLR 2017),
 * who compare them with magnitude and Taylor criteria; group aggregation follows DepGraph (Fang et al., CVPR 2023).
 *
 * The batches come from the context's calibration source (NPY arrays), or, when none is given, from seeded random
 * inputs — the report says which.
 * @public
 */
export const activationImportance: Importance = async (group, ctx) => {
  let pending = stats.get(ctx);
  if (pending === undefined) {
    pending = collect(ctx);
    stats.set(ctx, pending);
  }
  const s = await pending;
  ctx.note(`activation: mean |activation| over ${String(s.batches)} batches of ${s.label}`);
  const memberIndex = new Map(group.members.map((m, i) => [dimKey(m.dim), i]));
  const scores = new Float64Array(group.channels.length);
  for (const source of group.sources) {
    const key = dimKey(source);
    const sum = s.sums.get(key);
    const mi = memberIndex.get(key);
    if (sum === undefined || mi === undefined) {
      ctx.note('activation: a source output could not be read back as floats; it adds nothing to the scores', group.id);
      continue;
    }
    /** Entries each channel of this source summed over all batches (N·H·W per batch for a Conv output). */
    const perChannel = s.counts.get(key) ?? 0;
    group.channels.forEach((cls, c) => {
      let v = 0;
      for (const i of cls.get(mi) ?? []) v += (sum[i] ?? 0) / Math.max(1, perChannel);
      scores[c] = (scores[c] ?? 0) + v;
    });
  }
  return scores;
};
