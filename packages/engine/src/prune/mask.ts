/**
 * Soft pruning: the channels a removal names are zeroed in place instead of removed — the oracle that hard pruning is
 * tested against (Torch-Pruning `tests/test_soft_pruning.py`, made an exact invariant with onnxruntime).
 */
import { buildDependencyGroups } from '../groups/build-groups.ts';
import type { ParamSlice } from '../groups/types.ts';
import { nodeLabel } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import type { IrGraph, IrModel, IrNode, IrTensor } from '../ir/types.ts';
import { inferShapes } from '../shape/infer.ts';
import { dimCuts, tensorCuts } from './channel-cuts.ts';
import { replaceConstants } from './replace-constants.ts';
import { checkRemovalsFit, resolveRemovals } from './resolve-removals.ts';
import { zeroTensor } from './slice-tensor.ts';
import type { ApplyPruningOptions, GroupRemoval } from './types.ts';

/**
 * Which weight slices soft pruning zeroes:
 * - `'group'` (default): every `ParamSlice` of the group — producer weights and biases, BatchNorm γ/β/μ/σ²,
 *   per-channel constants, consumer weights — as Torch-Pruning's `test_soft_pruning` does. Outputs equal the
 *   hard-pruned model's wherever the ops between group members map 0 → 0.
 * - `'consumers'`: only slices read on the input side of their node (the weights that read a removed channel: Conv
 *   input channels, Gemm/MatMul rows, …). Removed channels still carry their values, but nothing reads them; outputs
 *   equal the hard-pruned model's whenever every op between members is per-channel, 0 → 0 or not (Sigmoid gates,
 *   biases after a non-zero-preserving op, BatchNorm with unmasked β).
 * @public
 */
export type MaskScope = 'group' | 'consumers';

/**
 * Options of `maskPruning`: the model's groups or shapes (as for `applyPruning`) and which slices to zero.
 * @public
 */
export interface MaskPruningOptions extends Pick<ApplyPruningOptions, 'analysis' | 'shapes'> {
  /** Which slices to zero (default `'group'`). */
  readonly zero?: MaskScope;
}

/** True for a slice whose reading node takes the slice's dim as an input (it consumes the channel). */
function consumerSide(graph: IrGraph): (slice: ParamSlice) => boolean {
  const byLabel = new Map<string, IrNode>(graph.nodes.map((n) => [nodeLabel(n), n]));
  return (slice) => {
    const node = byLabel.get(slice.node);
    return node !== undefined && node.inputs.includes(slice.dim.value) && !node.outputs.includes(slice.dim.value);
  };
}

/**
 * Zeroes, in every weight slice the scope selects, the indices that `applyPruning` would remove.
 *
 * Pre-conditions and validation as for `applyPruning` (same errors for the same removals; `dropBlocks` and
 * `foldBatchNorm` do not apply). Post-conditions: same graph, same dims, same names; only constant values change
 * (to +0 / 0); the input is not modified; with nothing to remove the input model is returned.
 * @public
 */
export function maskPruning(model: IrModel, removals: readonly GroupRemoval[], options: MaskPruningOptions = {}): IrModel {
  const analysis = options.analysis ?? buildDependencyGroups(model, { shapes: options.shapes ?? inferShapes(model) });
  const resolved = resolveRemovals(analysis, removals);
  if (resolved.length === 0) return model;
  const index = indexGraph(model.graph);
  checkRemovalsFit(index, resolved);
  const include = options.zero === 'consumers' ? consumerSide(model.graph) : undefined;
  const replacements = new Map<string, IrTensor>();
  for (const [name, axes] of tensorCuts(analysis, dimCuts(resolved), index, include === undefined ? {} : { include })) {
    const tensor = index.constants.get(name);
    if (tensor !== undefined) replacements.set(name, zeroTensor(tensor, axes));
  }
  return { ...model, graph: replaceConstants(model.graph, replacements) };
}
