import { attrInt } from '../../ir/attributes.ts';
import type { IrNode } from '../../ir/types.ts';
import { definePruneHandler, type CoupleContext, type PruneHandler, type RewriteContext } from '../types.ts';
import { at, couple, failClosed, perChannel } from './common.ts';

/**
 * Conv: X [N, C, …], W [M, C/group, k…], B [M] → Y [N, M, …].
 * - group = 1: Y's channels are a source (W axis 0, B); X's channels are W axis 1.
 * - group > 1 (grouped and depthwise): input and output channels of one group go together (`grouped` map), so whole
 *   groups are removed and `group` shrinks; W axis 1 (channels per group) never changes.
 */
function coupleConv(ctx: CoupleContext, transposed: boolean): void {
  const [x = '', w = '', b = ''] = ctx.node.inputs;
  const y = ctx.node.outputs[0] ?? '';
  const weight = ctx.constant(w);
  if (weight === undefined) {
    failClosed(ctx, `${at(ctx)}: weight '${w}' is computed at run time, not a constant`);
    return;
  }
  const group = attrInt(ctx.node, 'group', 1);
  const xShape = ctx.shape(x);
  const yShape = ctx.shape(y);
  couple(ctx, { value: x, axis: 0 }, { value: y, axis: 0 });
  const inC = xShape?.[1];
  const outC = yShape?.[1];
  // Conv W is [M, C/g, …]; ConvTranspose W is [C, M/g, …].
  const outAxisOfW = transposed ? 1 : 0;
  const inAxisOfW = transposed ? 0 : 1;
  ctx.source({ value: y, axis: 1 });
  perChannel(ctx, { value: y, axis: 1 }, b, 0);
  if (group === 1) {
    ctx.param({ value: y, axis: 1 }, w, outAxisOfW);
    ctx.param({ value: x, axis: 1 }, w, inAxisOfW);
    return;
  }
  if (typeof inC !== 'number' || typeof outC !== 'number' || inC % group !== 0 || outC % group !== 0) {
    const reason = `${at(ctx)}: grouped (group = ${String(group)}) with channel counts ${String(inC)} → ${String(outC)} that are unknown or not divisible`;
    ctx.block({ value: x, axis: 1 }, reason);
    ctx.block({ value: y, axis: 1 }, reason);
    return;
  }
  couple(ctx, { value: x, axis: 1 }, { value: y, axis: 1 }, { kind: 'grouped', aBlock: inC / group, bBlock: outC / group });
  if (transposed) {
    // ConvTranspose W [C, M/g, …]: axis 0 follows the input channels; axis 1 (outputs per group) stays.
    ctx.param({ value: x, axis: 1 }, w, 0);
  } else {
    // Conv W [M, C/g, …]: axis 0 follows the output channels; axis 1 (inputs per group) stays.
    ctx.param({ value: y, axis: 1 }, w, 0);
  }
}

/** A grouped conv keeps `group` equal to the number of groups that survive. */
function rewriteGroup(ctx: RewriteContext): IrNode {
  const group = attrInt(ctx.node, 'group', 1);
  if (group === 1) return ctx.node;
  const y = { value: ctx.node.outputs[0] ?? '', axis: 1 };
  const kept = ctx.kept(y);
  const before = ctx.sizeBefore(y);
  if (kept === undefined || before === undefined) return ctx.node;
  const perGroup = before / group;
  const newGroup = kept.length / perGroup;
  return {
    ...ctx.node,
    attributes: ctx.node.attributes.map((a) => (a.name === 'group' && a.type === 'INT' ? { ...a, value: BigInt(newGroup) } : a)),
  };
}

export const convPruneHandlers: readonly PruneHandler[] = [
  definePruneHandler({ opType: 'Conv', since: 1, couple: (ctx) => { coupleConv(ctx, false); }, rewrite: rewriteGroup }),
  definePruneHandler({ opType: 'ConvTranspose', since: 1, couple: (ctx) => { coupleConv(ctx, true); }, rewrite: rewriteGroup }),
];
