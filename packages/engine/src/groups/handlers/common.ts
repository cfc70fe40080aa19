import { attrInts, nodeLabel } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import { readAsNumbers, tensorFromArray } from '../../ir/tensor.ts';
import type { Dim, IrNode, IrTensor } from '../../ir/types.ts';
import { IDENTITY, type CoupleContext, type DimRef, type IndexMap, type RewriteContext } from '../types.ts';

/** Helpers the prune-handler families share. Every one of them fails closed: what it cannot couple, it blocks. */

/** Rank of a value, or undefined when unknown. */
export function rankOf(ctx: CoupleContext, value: string): number | undefined {
  return ctx.shape(value)?.length;
}

/** `Op at node label`, the way block reasons name the node they come from. */
export function at(ctx: CoupleContext | RewriteContext): string {
  return `${ctx.node.opType} at node ${nodeLabel(ctx.node)}`;
}

/** Blocks every axis of `value` (when its rank is known) with `reason`. */
export function blockAll(ctx: CoupleContext, value: string, reason: string): void {
  const rank = rankOf(ctx, value);
  if (rank === undefined || value === '') return;
  for (let axis = 0; axis < rank; axis++) ctx.block({ value, axis }, reason);
}

/**
 * Blocks every axis of every computed input and output of the node: the handler cannot say how they are coupled.
 * A value whose rank is unknown has no dim that can be a group member (its size would be unknown), so blocking the
 * known-rank values is enough to stop every group that reaches the node.
 */
export function failClosed(ctx: CoupleContext, reason: string): void {
  for (const v of [...ctx.node.inputs, ...ctx.node.outputs]) if (v !== '' && ctx.constant(v) === undefined) blockAll(ctx, v, reason);
}

/**
 * Couples a[i] with b[map(i)]. A constant side cannot be a member (pruning never rewrites a constant it does not
 * own), so it becomes a weight slice of the other side instead: the constant is sliced with the group. A constant on
 * the `a` side of a non-identity map cannot be expressed as a slice, so the other side is blocked.
 */
export function couple(ctx: CoupleContext, a: DimRef, b: DimRef, map: IndexMap = IDENTITY): void {
  const aConstant = ctx.constant(a.value) !== undefined;
  const bConstant = ctx.constant(b.value) !== undefined;
  if (aConstant && bConstant) return;
  if (!aConstant && !bConstant) {
    ctx.link(a, b, map);
    return;
  }
  if (bConstant) {
    ctx.param(a, b.value, b.axis, map);
    return;
  }
  if (map.kind === 'identity') {
    ctx.param(b, a.value, a.axis);
    return;
  }
  ctx.block(b, `${at(ctx)} maps constant '${a.value}' axis ${String(a.axis)} into '${b.value}' axis ${String(b.axis)} in a way its slices cannot follow`);
}

/**
 * Couples every axis of `input` with the same axis of `output` (unary ops, activations, Identity, Cast, and the
 * pass-through axes of normalizations). Blocks both values when their ranks are unknown or differ.
 */
export function linkAllAxes(ctx: CoupleContext, input: string, output: string): void {
  const rank = rankOf(ctx, output);
  if (rank === undefined || rankOf(ctx, input) !== rank) {
    const reason = `${at(ctx)}: the ranks of '${input}' and '${output}' are unknown or differ`;
    blockAll(ctx, input, reason);
    blockAll(ctx, output, reason);
    return;
  }
  for (let axis = 0; axis < rank; axis++) couple(ctx, { value: input, axis }, { value: output, axis });
}

/** Normalises a possibly negative axis against `rank`. */
export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Same dim (equal numbers, or the same symbol). */
export function sameDim(a: Dim | undefined, b: Dim | undefined): boolean {
  return a !== undefined && a === b;
}

/**
 * Couples the inputs of a broadcasting elementwise op with its output, axis by axis (numpy rules, right-aligned).
 * An input axis of the output's size is coupled: a computed input is linked, a constant input (bias, SE scale,
 * per-channel constant) becomes a weight slice. A broadcast axis of size 1 is not coupled.
 */
export function coupleBroadcast(ctx: CoupleContext, inputs: readonly string[], output: string): void {
  const out = ctx.shape(output);
  if (out === undefined) {
    failClosed(ctx, `${at(ctx)}: the shape of '${output}' is unknown`);
    return;
  }
  for (const input of inputs) {
    if (input === '') continue;
    const shape = ctx.shape(input);
    if (shape === undefined) {
      failClosed(ctx, `${at(ctx)}: the shape of '${input}' is unknown`);
      continue;
    }
    const shift: number = out.length - shape.length;
    for (let a = 0; a < shape.length; a++) {
      const outAxis = a + shift;
      const d = shape[a];
      if (d === 1 && out[outAxis] !== 1) continue;
      if (!sameDim(d, out[outAxis])) {
        const reason = `${at(ctx)}: '${input}' axis ${String(a)} (${String(d)}) does not match '${output}' axis ${String(outAxis)} (${String(out[outAxis])})`;
        ctx.block({ value: output, axis: outAxis }, reason);
        if (ctx.constant(input) === undefined) ctx.block({ value: input, axis: a }, reason);
        continue;
      }
      couple(ctx, { value: output, axis: outAxis }, { value: input, axis: a });
    }
  }
}

/**
 * An op's per-channel input (BatchNormalization statistics, Conv bias, quantization scales): a constant becomes a
 * weight slice of `dim` along `axis`; a computed one is linked to `dim`.
 */
export function perChannel(ctx: CoupleContext, dim: DimRef, value: string, axis: number): void {
  if (value === '') return;
  couple(ctx, dim, { value, axis });
}

/** The integer values of a constant tensor, or undefined when it is not an integer/float tensor held in the model. */
export function tensorInts(tensor: IrTensor | undefined): number[] | undefined {
  if (tensor === undefined || tensor.data.kind !== 'raw') return undefined;
  try {
    return readAsNumbers(tensor);
  } catch {
    return undefined;
  }
}

/**
 * An int list that older opsets carry as an attribute and newer ones as an input (Squeeze/Unsqueeze axes, Slice
 * bounds, Split sizes, ReduceX axes, Pad pads). `absent`: neither is given; `computed`: the input is produced at run
 * time, so the handler cannot read (or rewrite) it.
 */
export type IntList =
  | { readonly kind: 'absent' }
  | { readonly kind: 'known'; readonly ints: readonly number[] }
  | { readonly kind: 'computed'; readonly value: string };

/** Reads input `slot` (when the op's opset takes the list as an input) or attribute `attr`. */
export function intList(ctx: CoupleContext | RewriteContext, source: { readonly input: number } | { readonly attr: string }): IntList {
  if ('attr' in source) {
    const ints = attrInts(ctx.node, source.attr);
    return ints === undefined ? { kind: 'absent' } : { kind: 'known', ints };
  }
  const value = ctx.node.inputs[source.input] ?? '';
  if (value === '') return { kind: 'absent' };
  const ints = tensorInts(ctx.constant(value));
  return ints === undefined ? { kind: 'computed', value } : { kind: 'known', ints };
}

/** A 1-D integer tensor of `dtype` (INT64 unless the list it replaces was INT32), for rewritten shape inputs. */
export function intTensor(values: readonly number[], dtype: number = DataType.INT64): IrTensor {
  if (dtype === DataType.INT32) return tensorFromArray('', DataType.INT32, [values.length], Int32Array.from(values));
  return tensorFromArray('', DataType.INT64, [values.length], BigInt64Array.from(values, (v) => BigInt(v)));
}

/** The node with INTS attribute `name` set to `values` (added when missing). */
export function withIntsAttribute(node: IrNode, name: string, values: readonly number[]): IrNode {
  const value = values.map((v) => BigInt(v));
  const exists = node.attributes.some((a) => a.name === name);
  const attributes = exists
    ? node.attributes.map((a) => (a.name === name ? { name, refAttrName: '', docString: a.docString, type: 'INTS' as const, value } : a))
    : [...node.attributes, { name, refAttrName: '', docString: '', type: 'INTS' as const, value }];
  return { ...node, attributes };
}

/** The node without attribute `name`. */
export function withoutAttribute(node: IrNode, name: string): IrNode {
  return { ...node, attributes: node.attributes.filter((a) => a.name !== name) };
}

/**
 * Writes `values` back where `intList` read them: the attribute, or a fresh constant for input `slot` (keeping the
 * old constant's integer type). Returns the node to use from then on.
 */
export function writeIntList(
  ctx: RewriteContext,
  node: IrNode,
  source: { readonly input: number } | { readonly attr: string },
  values: readonly number[],
): IrNode {
  if ('attr' in source) return withIntsAttribute(node, source.attr, values);
  const old = ctx.constant(ctx.node.inputs[source.input] ?? '');
  ctx.replaceConstantInput(source.input, intTensor(values, old?.dtype));
  return node;
}
