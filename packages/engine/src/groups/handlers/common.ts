import type { Dim } from '../../ir/types.ts';
import type { CoupleContext } from '../types.ts';

/** Rank of a value, or undefined when unknown. */
export function rankOf(ctx: CoupleContext, value: string): number | undefined {
  return ctx.shape(value)?.length;
}

/** Blocks every axis of `value` (when its rank is known) with `reason`. */
export function blockAll(ctx: CoupleContext, value: string, reason: string): void {
  const rank = rankOf(ctx, value);
  if (rank === undefined) return;
  for (let axis = 0; axis < rank; axis++) ctx.block({ value, axis }, reason);
}

/** Links axis i of `input` with axis i of `output` for every axis (unary ops, activations, Identity, Cast). */
export function linkAllAxes(ctx: CoupleContext, input: string, output: string): void {
  const rank = rankOf(ctx, output);
  if (rank === undefined || rankOf(ctx, input) !== rank) {
    ctx.block({ value: output, axis: 0 }, `rank of '${input}' or '${output}' is unknown`);
    return;
  }
  for (let axis = 0; axis < rank; axis++) ctx.link({ value: input, axis }, { value: output, axis });
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
    blockAll(ctx, output, `the shape of '${output}' is unknown`);
    for (const i of inputs) if (ctx.constant(i) === undefined) ctx.block({ value: i, axis: 0 }, `the shape of '${output}' is unknown`);
    return;
  }
  for (const input of inputs) {
    if (input === '') continue;
    const shape = ctx.shape(input);
    if (shape === undefined) {
      blockAll(ctx, output, `the shape of '${input}' is unknown`);
      continue;
    }
    const constant = ctx.constant(input) !== undefined;
    const shift: number = out.length - shape.length;
    for (let a = 0; a < shape.length; a++) {
      const outAxis = a + shift;
      const d = shape[a];
      if (d === 1 && out[outAxis] !== 1) continue;
      if (!sameDim(d, out[outAxis])) {
        ctx.block({ value: output, axis: outAxis }, `'${input}' axis ${String(a)} (${String(d)}) does not match the output (${String(out[outAxis])})`);
        continue;
      }
      if (constant) ctx.param({ value: output, axis: outAxis }, input, a);
      else ctx.link({ value: input, axis: a }, { value: output, axis: outAxis });
    }
  }
}
