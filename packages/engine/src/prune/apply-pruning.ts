/**
 * Hard structural pruning: removes channels of dependency groups (and, optionally, whole residual blocks) from a
 * model and reports what changed.
 */
import { buildDependencyGroups } from '../groups/build-groups.ts';
import type { GroupAnalysis } from '../groups/types.ts';
import { nodeLabel } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import type { IrModel, IrNode, IrTensor } from '../ir/types.ts';
import { inferShapes } from '../shape/infer.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import { dimCuts, tensorCuts, type DimCut } from './channel-cuts.ts';
import { removeDeadCode, withoutValueInfo } from './cleanup.ts';
import { modelFigures } from './figures.ts';
import { foldBatchNorms, type FoldedBatchNorm } from './fold-batch-norm.ts';
import { remapRemovals } from './remap-removals.ts';
import { replaceConstants } from './replace-constants.ts';
import { removeBlocks } from './residual-blocks.ts';
import { checkRemovalsFit, resolveRemovals, type ResolvedRemoval } from './resolve-removals.ts';
import { rewriteNodes } from './rewrite-nodes.ts';
import { sliceTensor } from './slice-tensor.ts';
import type { ApplyPruningOptions, GroupRemoval, ModelFigures, PruneReport, PruneResult } from './types.ts';
import { NameSource } from './unique-names.ts';
import { inputShapesOf, verifyResult } from './verify-result.ts';

/** The indices of [0, size) not in `removed` (ascending). */
function complement(size: number, removed: readonly number[]): number[] {
  const gone = new Set(removed);
  return Array.from({ length: size }, (_, i) => i).filter((i) => !gone.has(i));
}

/** Slices the constants named in the cuts, lets handlers rewrite their nodes and forgets stale value_info. */
function cutChannels(model: IrModel, analysis: GroupAnalysis, resolved: readonly ResolvedRemoval[], shapes: ShapeInferenceResult, names: NameSource): IrModel {
  const index = indexGraph(model.graph);
  checkRemovalsFit(index, resolved);
  const cuts = dimCuts(resolved);
  const replacements = new Map<string, IrTensor>();
  for (const [name, axes] of tensorCuts(analysis, cuts, index)) {
    const tensor = index.constants.get(name);
    if (tensor === undefined) continue;
    const kept = new Map([...axes].map(([axis, removed]) => [axis, complement(tensor.dims[axis] ?? 0, removed)] as const));
    replacements.set(name, sliceTensor(tensor, kept));
  }
  const sliced = { ...model, graph: replaceConstants(model.graph, replacements) };
  const labels = new Set(resolved.flatMap((r) => r.group.nodes));
  const rewritten = rewriteNodes(sliced, labels, cuts, shapes, names);
  const changed = new Set([...replacements.keys(), ...[...cuts.values()].filter((c: DimCut) => c.kept.length < c.size).map((c) => c.dim.value)]);
  return { ...rewritten, graph: withoutValueInfo(rewritten.graph, changed) };
}

/** Labels of every node of `original` that is gone or changed in `result`, plus `extra`, in `original`'s order. */
function touchedNodes(original: IrModel, result: IrModel, extra: ReadonlySet<string>): string[] {
  const survivors = new Set<IrNode>(result.graph.nodes);
  const labels = new Set<string>();
  for (const n of original.graph.nodes) {
    const label = nodeLabel(n);
    if (!survivors.has(n) || extra.has(label)) labels.add(label);
  }
  for (const label of extra) labels.add(label);
  return [...labels];
}

function unchanged(model: IrModel, before: ModelFigures): PruneResult {
  return {
    model,
    report: { before, after: before, groupsPruned: 0, channelsRemoved: 0, blocksDropped: [], groups: [], nodesTouched: [], foldedBatchNorms: 0 },
  };
}

/**
 * Removes the listed channels of dependency groups from `model` (hard pruning), optionally dropping residual blocks
 * first and folding BatchNormalization afterwards.
 *
 * Steps: validate `removals` against the groups (`options.analysis`, else built from `options.shapes`, else from
 * inferred shapes); drop `options.dropBlocks` (then rebuild the groups, and re-resolve every removal by group id,
 * which must keep its meaning); slice every `ParamSlice` tensor — initializer or Constant value — to the indices that
 * survive along its axis; call each touched node's handler `rewrite`; drop value_info of values whose dims changed;
 * fold BatchNormalization when asked; remove dead nodes and constants; re-infer shapes (no new issues) and validate.
 *
 * Pre-conditions: `model` passed `readModel` validation; `options.analysis`/`options.shapes`, when given, describe it.
 * Post-conditions: pure — the input is not modified, and unchanged parts are shared. With nothing to do (no channel
 * removed, no block dropped, no folding asked) the input model is returned as is with a zero report. Report figures
 * are static estimates (`computeCost`) with the same input shapes before and after.
 *
 * Follows Fang et al., "DepGraph: Towards Any Structural Pruning" (CVPR 2023): a group's channels go from every
 * coupled layer at once, so the result stays consistent across residual Adds, Concats and grouped convolutions.
 *
 * @throws EngineError `ENGINE_ERR_PLAN_MISMATCH` (unknown group or block id, a group that a dropped block changes, or
 *   an `options.analysis` of another model),
 *   `ENGINE_ERR_PLAN_INVALID` (bad or out-of-range channels, a blocked group, a group left without channels, a
 *   shared weight that cannot be cut consistently), `ENGINE_ERR_UNSUPPORTED` (weights to cut held as external,
 *   string or sub-byte data), `ENGINE_ERR_SHAPE_MISMATCH` or a validation code if the result would be inconsistent.
 * @public
 */
export function applyPruning(model: IrModel, removals: readonly GroupRemoval[], options: ApplyPruningOptions = {}): PruneResult {
  const shapes = options.shapes ?? inferShapes(model);
  const analysis = options.analysis ?? buildDependencyGroups(model, { shapes });
  let resolved = resolveRemovals(analysis, removals);
  const dropBlocks = [...new Set(options.dropBlocks ?? [])];
  const fold = options.foldBatchNorm === true;
  const before = modelFigures(model, shapes);
  if (resolved.length === 0 && dropBlocks.length === 0 && !fold) return unchanged(model, before);

  let current = model;
  let currentShapes = shapes;
  let currentAnalysis = analysis;
  if (dropBlocks.length > 0) {
    current = removeBlocks(model, dropBlocks, shapes);
    if (resolved.length > 0) {
      currentShapes = inferShapes(current, { inputShapes: inputShapesOf(model, shapes) });
      currentAnalysis = buildDependencyGroups(current, { shapes: currentShapes });
      resolved = remapRemovals(resolved, currentAnalysis, dropBlocks);
    }
  }
  const names = new NameSource(current.graph);
  if (resolved.length > 0) current = cutChannels(current, currentAnalysis, resolved, currentShapes, names);
  let folded: readonly FoldedBatchNorm[] = [];
  if (fold) ({ model: current, folded } = foldBatchNorms(current, names));
  current = { ...current, graph: removeDeadCode(current.graph) };

  const afterShapes = verifyResult(current, model, shapes);
  const groupNodes = new Set([...resolved.flatMap((r) => r.group.nodes), ...folded.flatMap((f) => [f.batchNorm, f.into])]);
  const report: PruneReport = {
    before,
    after: modelFigures(current, afterShapes),
    groupsPruned: resolved.length,
    channelsRemoved: resolved.reduce((s, r) => s + r.removed.length, 0),
    blocksDropped: dropBlocks,
    groups: resolved.map((r) => ({ id: r.group.id, channelsBefore: r.group.channels.length, channelsAfter: r.group.channels.length - r.removed.length })),
    nodesTouched: touchedNodes(model, current, groupNodes),
    foldedBatchNorms: folded.length,
  };
  return { model: current, report };
}
