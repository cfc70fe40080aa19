import type { ParamSlice } from '../groups/types.ts';
import { normalizeDomain } from '../ir/attributes.ts';
import { l1Importance } from './l1.ts';
import type { Importance, ImportanceContext } from './types.ts';
import { distinctSlices, sumOverSlices } from './weight-slices.ts';

/** The scale (γ) input of a BatchNormalization node. */
function isBatchNormScale(p: ParamSlice, ctx: ImportanceContext): boolean {
  const node = ctx.nodes.get(p.node);
  return node !== undefined && node.opType === 'BatchNormalization' && normalizeDomain(node.domain) === 'ai.onnx' && p.input === 1;
}

/**
 * BatchNorm scale: each channel scores Σ|γ| over the BatchNormalization scales of its group (a residual group holds
 * one per branch). Liu et al., "Learning Efficient Convolutional Networks through Network Slimming" (ICCV 2017)
 * train γ sparse and prune the channels with the smallest |γ|.
 *
 * A group without a BatchNormalization (BN folded into the Conv, as deployment exports have it) is scored by `l1`
 * instead, and the context is told so.
 * @public
 */
export const bnImportance: Importance = (group, ctx) => {
  const scales = distinctSlices(group, (p) => isBatchNormScale(p, ctx));
  if (scales.length === 0) {
    ctx.note('bn: no BatchNormalization scale in the group (BN folded or absent); scored by l1 instead', group.id);
    return l1Importance(group, ctx);
  }
  return sumOverSlices(group, ctx, scales, 'abs');
};
