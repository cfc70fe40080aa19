import { attrInt, attrInts, findAttribute } from '../../ir/attributes.ts';
import { DataType } from '../../ir/dtype.ts';
import type { Dim, IrGraph } from '../../ir/types.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { defineShapeHandler, fail, tensorOut, type ShapeContext, type ShapeHandler, type ShapeOutput } from '../handler.ts';
import { scalarOf } from '../known-value.ts';
import type { TensorInfo } from '../types.ts';

/**
 * Control flow: If, Loop, Scan. Bodies are inferred in a scope that sees the outer values. What the outputs can
 * be told from is the body's results (dtype, and shape where every iteration or branch agrees); dims that differ
 * become fresh symbols. Nothing here reports an issue of its own: an unknowable loop length is normal, not a fault.
 */

function graphAttr(ctx: ShapeContext, name: string): IrGraph {
  const a = findAttribute(ctx.node, name);
  if (a?.type !== 'GRAPH') fail('invalid-attribute', `attribute '${name}' must be a graph.`);
  return a.value;
}

/** What two alternatives (If branches, loop iterations) have in common. */
function merge(dims: DimAlgebra, a: TensorInfo | undefined, b: TensorInfo | undefined): TensorInfo {
  const dtype = a?.dtype ?? b?.dtype;
  const sa = a?.shape;
  const sb = b?.shape;
  if (sa === undefined || sb === undefined || sa.length !== sb.length) return { dtype, shape: undefined };
  return { dtype, shape: sa.map((d, i) => (d === sb[i] ? d : dims.fresh())) };
}

/** If: a known condition selects one branch; otherwise outputs are what both branches agree on. */
const ifOp = defineShapeHandler({
  opType: 'If',
  since: 1,
  infer: (ctx) => {
    const then = graphAttr(ctx, 'then_branch');
    const otherwise = graphAttr(ctx, 'else_branch');
    const cond = scalarOf(ctx.value(0));
    if (typeof cond === 'number') return ctx.inferSubgraph(cond !== 0 ? then : otherwise, []);
    const a = ctx.inferSubgraph(then, []);
    const b = ctx.inferSubgraph(otherwise, []);
    return ctx.node.outputs.map((_, i) => merge(ctx.dims, a[i], b[i]));
  },
});

/**
 * Loop(M, cond, v_initial...): body(iter_num, cond_in, v_in...) → (cond_out, v_out..., scan...). Final values merge
 * the initial value with the body's result; scan outputs stack one body result per iteration, so their first dim is
 * the trip count M when M is known and no condition can stop the loop early.
 */
const loop = defineShapeHandler({
  opType: 'Loop',
  since: 1,
  infer: (ctx) => {
    const body = graphAttr(ctx, 'body');
    const carried = Math.max(ctx.inputCount - 2, 0);
    const initial = Array.from({ length: carried }, (_, i) => ctx.input(i + 2));
    const results = ctx.inferSubgraph(body, [{ dtype: DataType.INT64, shape: [] }, { dtype: DataType.BOOL, shape: [] }, ...initial]);
    const m = scalarOf(ctx.value(0));
    const trips: Dim = m !== undefined && !ctx.has(1) ? m : ctx.dims.fresh();
    return ctx.node.outputs.map((_, i): ShapeOutput => {
      const r = results[i + 1];
      if (i < carried) return merge(ctx.dims, initial[i], r);
      return tensorOut(r?.dtype, r?.shape === undefined ? undefined : [trips, ...r.shape]);
    });
  },
});

/** Inserts `d` at `axis` (negative counts from the end of the result). */
function insertAt(shape: readonly Dim[], axis: number, d: Dim): Dim[] {
  const rank = shape.length + 1;
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) fail('invalid-attribute', `axis ${String(axis)} is out of range for rank ${String(rank)}.`);
  return [...shape.slice(0, a), d, ...shape.slice(a)];
}

function removeAt(shape: readonly Dim[], axis: number): Dim[] {
  const a = axis < 0 ? axis + shape.length : axis;
  if (a < 0 || a >= shape.length) fail('invalid-attribute', `axis ${String(axis)} is out of range for rank ${String(shape.length)}.`);
  return shape.filter((_, i) => i !== a);
}

/**
 * Scan (opset 9+): inputs are N states then M scan inputs (num_scan_inputs); the body sees the states and one slice
 * of each scan input (its scan axis removed); outputs are N final states then K scan outputs with the sequence
 * length inserted at scan_output_axes[k].
 */
function scan(ctx: ShapeContext): ShapeOutput[] {
  const body = graphAttr(ctx, 'body');
  const m = attrInt(ctx.node, 'num_scan_inputs');
  if (m === undefined) fail('invalid-attribute', 'num_scan_inputs is required.');
  const n = ctx.inputCount - m;
  const inAxes = attrInts(ctx.node, 'scan_input_axes') ?? new Array<number>(m).fill(0);
  const outAxes = attrInts(ctx.node, 'scan_output_axes');
  const states = Array.from({ length: n }, (_, i) => ctx.input(i));
  let seq: Dim | undefined;
  const slices = Array.from({ length: m }, (_, j): TensorInfo => {
    const info = ctx.input(n + j);
    if (info.shape === undefined) return { dtype: info.dtype, shape: undefined };
    const axis = inAxes[j] ?? 0;
    seq ??= info.shape[axis < 0 ? axis + info.shape.length : axis];
    return { dtype: info.dtype, shape: removeAt(info.shape, axis) };
  });
  const results = ctx.inferSubgraph(body, [...states, ...slices]);
  const length = seq ?? ctx.dims.fresh();
  return ctx.node.outputs.map((_, i) => {
    const r = results[i];
    if (i < n) return merge(ctx.dims, states[i], r);
    return tensorOut(r?.dtype, r?.shape === undefined ? undefined : insertAt(r.shape, outAxes?.[i - n] ?? 0, length));
  });
}

/**
 * Scan-8: input 0 is the optional sequence_lens and every other input carries a leading batch dim; scan inputs are
 * [batch, sequence, ...]. The body sees neither dim; outputs get them back.
 */
function scan8(ctx: ShapeContext): ShapeOutput[] {
  const body = graphAttr(ctx, 'body');
  const m = attrInt(ctx.node, 'num_scan_inputs');
  if (m === undefined) fail('invalid-attribute', 'num_scan_inputs is required.');
  const n = ctx.inputCount - 1 - m;
  const states = Array.from({ length: n }, (_, i) => ctx.input(i + 1));
  const scans = Array.from({ length: m }, (_, j) => ctx.input(1 + n + j));
  const batch = [...states, ...scans].map((s) => s.shape?.[0]).find((d) => d !== undefined) ?? ctx.dims.fresh();
  const seq = scans.map((s) => s.shape?.[1]).find((d) => d !== undefined) ?? ctx.dims.fresh();
  const strip = (info: TensorInfo, k: number): TensorInfo => ({ dtype: info.dtype, shape: info.shape?.slice(k) });
  const results = ctx.inferSubgraph(body, [...states.map((s) => strip(s, 1)), ...scans.map((s) => strip(s, 2))]);
  return ctx.node.outputs.map((_, i) => {
    const r = results[i];
    if (r?.shape === undefined) return tensorOut(r?.dtype, undefined);
    return tensorOut(r.dtype, i < n ? [batch, ...r.shape] : [batch, seq, ...r.shape]);
  });
}

export const controlFlowShapeHandlers: readonly ShapeHandler[] = [
  ifOp,
  loop,
  defineShapeHandler({ opType: 'Scan', since: 8, infer: scan8 }),
  defineShapeHandler({ opType: 'Scan', since: 9, infer: scan }),
];
