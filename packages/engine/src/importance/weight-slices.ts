/**
 * Per-channel sums over the weight slices of a dependency group: the shared core of the magnitude strategies.
 * Each `ParamSlice` says which axis of which constant shrinks with which member dim; a channel class covers some
 * indices of each member dim, and through the slice's index map some indices of the tensor axis. A channel's score
 * is the sum, over every slice of the group, of the per-index reductions of the entries it covers.
 */
import { dimKey, mapIndex } from '../groups/dim-ref.ts';
import type { DependencyGroup, ParamSlice } from '../groups/types.ts';
import { readAsFloat32 } from '../ir/tensor.ts';
import type { ImportanceContext } from './types.ts';

/** How the entries of one slice index are reduced: sum of |w| (L1) or sum of w² (L2 squared). */
export type SliceReduction = 'abs' | 'square';

const reductions = new WeakMap<ImportanceContext, Map<string, Float64Array>>();

/**
 * The reduction of `tensor` over every axis but `axis`: one value per index of `axis`. Cached per context, since
 * one weight serves several slices (a Conv weight's axis 0 in one group, axis 1 in the next).
 */
export function axisReduction(ctx: ImportanceContext, tensorName: string, axis: number, reduction: SliceReduction): Float64Array | undefined {
  let cache = reductions.get(ctx);
  if (cache === undefined) {
    cache = new Map();
    reductions.set(ctx, cache);
  }
  const key = `${reduction}|${String(axis)}|${tensorName}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tensor = ctx.index.constants.get(tensorName);
  if (tensor === undefined || axis >= tensor.dims.length) return undefined;
  const values = readAsFloat32(tensor);
  const n = tensor.dims[axis] ?? 0;
  let inner = 1;
  for (let a = axis + 1; a < tensor.dims.length; a++) inner *= tensor.dims[a] ?? 1;
  const outer = n === 0 || inner === 0 ? 0 : values.length / (n * inner);
  const out = new Float64Array(n);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < inner; j++) {
        const v = values[k++] ?? 0;
        s += reduction === 'abs' ? Math.abs(v) : v * v;
      }
      out[i] = (out[i] ?? 0) + s;
    }
  }
  cache.set(key, out);
  return out;
}

/**
 * The group's slices without repeats (a weight read twice through the same coupling counts once), filtered by `keep`.
 */
export function distinctSlices(group: DependencyGroup, keep: (p: ParamSlice) => boolean = () => true): ParamSlice[] {
  const seen = new Set<string>();
  const out: ParamSlice[] = [];
  for (const p of group.params) {
    if (!keep(p)) continue;
    const key = `${p.tensor}|${String(p.axis)}|${dimKey(p.dim)}|${JSON.stringify(p.map)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

/**
 * For each channel class of `group`: the sum over `slices` of the per-index reductions of the tensor entries the
 * class covers. An index covered twice through one slice (grouped maps) is counted once.
 */
export function sumOverSlices(
  group: DependencyGroup,
  ctx: ImportanceContext,
  slices: readonly ParamSlice[],
  reduction: SliceReduction,
): Float64Array {
  const memberIndex = new Map(group.members.map((m, i) => [dimKey(m.dim), i]));
  const scores = new Float64Array(group.channels.length);
  for (const p of slices) {
    const mi = memberIndex.get(dimKey(p.dim));
    const per = axisReduction(ctx, p.tensor, p.axis, reduction);
    if (mi === undefined || per === undefined) continue;
    group.channels.forEach((cls, c) => {
      const covered = new Set<number>();
      for (const i of cls.get(mi) ?? []) for (const j of mapIndex(p.map, i, per.length)) covered.add(j);
      let s = 0;
      for (const j of covered) s += per[j] ?? 0;
      scores[c] = (scores[c] ?? 0) + s;
    });
  }
  return scores;
}

/**
 * The slices magnitude criteria sum: every weight slice of the group except normalisation running statistics
 * (BatchNormalization inputs 3 and 4, mean and variance). Those are not learned weights: the variance is ≈ 1 for every
 * channel and would flatten the ranking; Torch-Pruning's magnitude importance leaves them out too.
 */
export function magnitudeSlices(group: DependencyGroup, ctx: ImportanceContext): ParamSlice[] {
  return distinctSlices(group, (p) => {
    if (p.input !== 3 && p.input !== 4) return true;
    const node = ctx.nodes.get(p.node);
    return node === undefined || node.opType !== 'BatchNormalization';
  });
}
