/**
 * What removing channels does to dims and constant tensors: the indices of every member dim that survive, and the
 * indices of every weight axis that go (`ParamSlice` images under their `IndexMap`).
 */
import { EngineError, EngineErrorCode } from '../errors.ts';
import { keptIndices } from '../groups/build-groups.ts';
import { dimKey, mapIndex } from '../groups/dim-ref.ts';
import type { DimRef, GroupAnalysis, ParamSlice } from '../groups/types.ts';
import { nodeLabel } from '../ir/attributes.ts';
import type { GraphIndex } from '../ir/graph-index.ts';
import { namesReadInSubgraphs } from './graph-reads.ts';
import type { ResolvedRemoval } from './resolve-removals.ts';

/**
 * A member dim of a pruned group: its size before pruning and the indices that survive (ascending).
 * @internal
 */
export interface DimCut {
  readonly dim: DimRef;
  readonly size: number;
  readonly kept: readonly number[];
}

/**
 * Every member dim of every pruned group, keyed by `value:axis`. Dims of one group never appear in another.
 * @internal
 */
export function dimCuts(resolved: readonly ResolvedRemoval[]): Map<string, DimCut> {
  const out = new Map<string, DimCut>();
  for (const { group, removed } of resolved) {
    const kept = keptIndices(group, new Set(removed));
    for (const m of group.members) out.set(dimKey(m.dim), { dim: m.dim, size: m.size, kept: kept.get(dimKey(m.dim)) ?? [] });
  }
  return out;
}

/**
 * Per constant tensor: axis → indices removed along it (ascending, non-empty).
 * @internal
 */
export type TensorCuts = ReadonlyMap<string, ReadonlyMap<number, readonly number[]>>;

interface AxisClaim {
  readonly removed: readonly number[];
  readonly group: string;
  readonly node: string;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Indices of `slice.tensor` along `slice.axis` that go when `dim` loses every index not in `cut.kept`. */
function removedAlong(slice: ParamSlice, cut: DimCut | undefined, axisSize: number): number[] {
  if (cut === undefined || cut.kept.length === cut.size) return [];
  const keep = new Set(cut.kept);
  const gone = new Set<number>();
  for (let i = 0; i < cut.size; i++) if (!keep.has(i)) for (const j of mapIndex(slice.map, i, axisSize)) gone.add(j);
  return [...gone].sort((a, b) => a - b);
}

/**
 * Options of `tensorCuts`.
 * @internal
 */
export interface TensorCutOptions {
  /** Only slices passing this test are applied (consistency is still checked over every slice). Default: all. */
  readonly include?: (slice: ParamSlice) => boolean;
}

/**
 * The indices each constant tensor loses along each axis.
 *
 * Pre-conditions: `analysis` describes the graph indexed by `index`; `cuts` comes from `dimCuts` on that analysis.
 * Post-conditions: every `ParamSlice` of every group (pruned or not) that names the same tensor axis agrees on what
 * that axis loses; every node reading a cut tensor follows the cut (it registered a slice for that axis); no cut
 * tensor is a graph output or read inside a subgraph.
 *
 * @throws EngineError `ENGINE_ERR_PLAN_INVALID` when a shared tensor would have to be sliced two ways, or is read by
 *   a node, a subgraph or the graph's outputs that would not follow the cut.
 * @internal
 */
export function tensorCuts(analysis: GroupAnalysis, cuts: ReadonlyMap<string, DimCut>, index: GraphIndex, options: TensorCutOptions = {}): TensorCuts {
  const claims = new Map<string, Map<number, AxisClaim>>();
  const followers = new Map<string, Set<string>>();
  const applied = new Set<string>();
  for (const group of analysis.groups) {
    for (const slice of group.params) {
      const tensor = index.constants.get(slice.tensor);
      if (tensor === undefined) continue;
      const removed = removedAlong(slice, cuts.get(dimKey(slice.dim)), tensor.dims[slice.axis] ?? 0);
      const key = `${slice.tensor}\u0000${String(slice.axis)}`;
      let followersOf = followers.get(key);
      if (followersOf === undefined) followers.set(key, (followersOf = new Set<string>()));
      followersOf.add(slice.node);
      if (options.include === undefined || options.include(slice)) applied.add(key);
      let axes = claims.get(slice.tensor);
      if (axes === undefined) claims.set(slice.tensor, (axes = new Map<number, AxisClaim>()));
      const previous = axes.get(slice.axis);
      if (previous === undefined) {
        axes.set(slice.axis, { removed, group: group.id, node: slice.node });
      } else if (!sameList(previous.removed, removed)) {
        throw new EngineError(
          EngineErrorCode.PlanInvalid,
          `Tensor '${slice.tensor}' axis ${String(slice.axis)} is shared: group '${previous.group}' (at ${previous.node}) removes ` +
            `${String(previous.removed.length)} of its indices and group '${group.id}' (at ${slice.node}) removes ${String(removed.length)}; ` +
            'expected both to remove the same indices.',
          slice.tensor,
        );
      }
    }
  }

  const subgraphReads = namesReadInSubgraphs(index.graph);
  const out = new Map<string, Map<number, readonly number[]>>();
  for (const [tensor, axes] of claims) {
    for (const [axis, claim] of axes) {
      if (claim.removed.length === 0) continue;
      const key = `${tensor}\u0000${String(axis)}`;
      const followersOf = followers.get(key) ?? new Set<string>();
      const stray = (index.consumers.get(tensor) ?? []).map(nodeLabel).find((label) => !followersOf.has(label));
      const where =
        stray === undefined ? (index.graphOutputs.has(tensor) ? 'the graph outputs' : subgraphReads.has(tensor) ? 'an If/Loop/Scan body' : undefined) : `node ${stray}`;
      if (where !== undefined) {
        throw new EngineError(
          EngineErrorCode.PlanInvalid,
          `Tensor '${tensor}' loses indices along axis ${String(axis)} for group '${claim.group}', but ${where} also reads it ` +
            'and would not follow; expected every reader of a pruned weight to be a member of the group.',
          tensor,
        );
      }
      if (!applied.has(key)) continue;
      let list = out.get(tensor);
      if (list === undefined) out.set(tensor, (list = new Map<number, readonly number[]>()));
      list.set(axis, claim.removed);
    }
  }
  return out;
}
