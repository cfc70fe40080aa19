import { attrInt, attrInts, nodeLabel } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import { DimAlgebra } from '../../shape/dim-algebra.ts';
import { definePruneHandler, IDENTITY, type CoupleContext, type IndexMap, type PruneHandler } from '../types.ts';
import { at, couple, failClosed, intList, normAxis, sameDim, writeIntList } from './common.ts';

/*
 * Ops that move elements without computing: Flatten, Reshape, Transpose, Squeeze, Unsqueeze, Expand, Tile, and the
 * size readers Shape and Size.
 *
 * Reshape and Flatten are coupled through a factorisation of the two shapes into runs of consecutive axes with equal
 * products (row-major order keeps each run's elements together):
 * - one axis to one axis (equal size): identity;
 * - one input axis split into several, C → (heads, head_dim): index c of the input is element (c / head_dim,
 *   c % head_dim), so head h owns input indices h·head_dim … h·head_dim + head_dim − 1 — the outermost output axis is
 *   coupled with `expand(product of the others)`; the inner axes are blocked (pruning them would punch holes into
 *   every head, which no slice of the input expresses);
 * - several input axes merged into one, (C, H, W) → C·H·W or (heads, head_dim) → D: the outermost input axis is
 *   coupled with the output through `expand(product of the others)` (each channel owns H·W features, each head
 *   head_dim columns); the inner input axes are blocked;
 * - anything else (several to several) is blocked.
 * Size-1 axes hold nothing to prune and stand alone.
 */

/** A run of consecutive input axes and consecutive output axes that hold the same elements. */
export interface AxisRun {
  readonly ins: readonly number[];
  readonly outs: readonly number[];
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/**
 * Splits a reshape [in…] → [out…] into runs of consecutive axes with equal products, each as short as possible
 * (symbolic sizes compare as canonical expressions: `H*W` matches H then W). `unmatched` holds the axes left when
 * no run fits (a symbolic size that appears on one side only).
 */
export function factorize(ins: readonly Dim[], outs: readonly Dim[]): { readonly runs: AxisRun[]; readonly unmatched: AxisRun | undefined } {
  const algebra = new DimAlgebra();
  const product = (dims: readonly Dim[]): Dim => algebra.product(dims);
  const runs: AxisRun[] = [];
  let i = 0;
  let j = 0;
  while (i < ins.length || j < outs.length) {
    if (i < ins.length && ins[i] === 1) {
      i++;
      continue;
    }
    if (j < outs.length && outs[j] === 1) {
      j++;
      continue;
    }
    if (i >= ins.length || j >= outs.length) break;
    const match = shortestRun(ins, outs, i, j, product);
    if (match === undefined) break;
    runs.push({ ins: range(i, i + match.a), outs: range(j, j + match.b) });
    i += match.a;
    j += match.b;
  }
  const unmatched = i < ins.length || j < outs.length ? { ins: range(i, ins.length), outs: range(j, outs.length) } : undefined;
  return { runs, unmatched };
}

function shortestRun(
  ins: readonly Dim[],
  outs: readonly Dim[],
  i: number,
  j: number,
  product: (dims: readonly Dim[]) => Dim,
): { readonly a: number; readonly b: number } | undefined {
  const maxA = ins.length - i;
  const maxB = outs.length - j;
  for (let total = 2; total <= maxA + maxB; total++) {
    for (let a = Math.max(1, total - maxB); a <= Math.min(maxA, total - 1); a++) {
      const b = total - a;
      if (product(ins.slice(i, i + a)) === product(outs.slice(j, j + b))) return { a, b };
    }
  }
  return undefined;
}

/** The product of `shape` at `axes` when it is a number. */
function numericProduct(shape: readonly Dim[], axes: readonly number[]): number | undefined {
  let p = 1;
  for (const a of axes) {
    const d = shape[a];
    if (typeof d !== 'number') return undefined;
    p *= d;
  }
  return p;
}

function expandBy(factor: number): IndexMap {
  return factor === 1 ? IDENTITY : { kind: 'expand', factor };
}

/** Couples one input axis split into output axes `outs` (outermost first). */
function coupleSplit(ctx: CoupleContext, x: string, xs: readonly Dim[], inAxis: number, y: string, ys: readonly Dim[], outs: readonly number[]): void {
  const [first = 0, ...inner] = outs;
  const factor = numericProduct(ys, inner);
  const what = `${at(ctx)} splits axis ${String(inAxis)} of '${x}' (${String(xs[inAxis])}) into axes ${outs.join(', ')} of '${y}'`;
  if (factor === undefined) {
    const reason = `${what}, with symbolic sizes`;
    ctx.block({ value: x, axis: inAxis }, reason);
    for (const o of outs) ctx.block({ value: y, axis: o }, reason);
    return;
  }
  couple(ctx, { value: y, axis: first }, { value: x, axis: inAxis }, expandBy(factor));
  const reason = `${what}; only the outermost (axis ${String(first)}) follows the indices of '${x}'`;
  for (const o of inner) if (ys[o] !== 1) ctx.block({ value: y, axis: o }, reason);
}

/** Couples input axes `ins` (outermost first) merged into one output axis. */
function coupleMerge(ctx: CoupleContext, x: string, xs: readonly Dim[], ins: readonly number[], y: string, outAxis: number): void {
  const [first = 0, ...inner] = ins;
  const factor = numericProduct(xs, inner);
  const what = `${at(ctx)} merges axes ${ins.join(', ')} of '${x}' into axis ${String(outAxis)} of '${y}'`;
  if (factor === undefined) {
    const reason = `${what}, with symbolic sizes`;
    for (const i of ins) ctx.block({ value: x, axis: i }, reason);
    ctx.block({ value: y, axis: outAxis }, reason);
    return;
  }
  couple(ctx, { value: x, axis: first }, { value: y, axis: outAxis }, expandBy(factor));
  const reason = `${what}; only the outermost (axis ${String(first)}) can be pruned`;
  for (const i of inner) if (xs[i] !== 1) ctx.block({ value: x, axis: i }, reason);
}

function blockRun(ctx: CoupleContext, x: string, y: string, run: AxisRun): void {
  const reason = `${at(ctx)} regroups axes ${run.ins.join(', ')} of '${x}' into axes ${run.outs.join(', ')} of '${y}' (not a split or a merge)`;
  for (const i of run.ins) ctx.block({ value: x, axis: i }, reason);
  for (const o of run.outs) ctx.block({ value: y, axis: o }, reason);
}

/** Couples `x` and `y` of a reshaping op run by run; returns the runs (for Reshape's 0-entry check). */
function coupleReshaped(ctx: CoupleContext, x: string, xs: readonly Dim[], y: string, ys: readonly Dim[]): AxisRun[] {
  const { runs, unmatched } = factorize(xs, ys);
  for (const run of runs) {
    const [i = 0] = run.ins;
    const [o = 0] = run.outs;
    if (run.ins.length === 1 && run.outs.length === 1) couple(ctx, { value: x, axis: i }, { value: y, axis: o });
    else if (run.ins.length === 1) coupleSplit(ctx, x, xs, i, y, ys, run.outs);
    else if (run.outs.length === 1) coupleMerge(ctx, x, xs, run.ins, y, o);
    else blockRun(ctx, x, y, run);
  }
  if (unmatched !== undefined) blockRun(ctx, x, y, unmatched);
  return runs;
}

function shapesOrFail(ctx: CoupleContext): { x: string; y: string; xs: readonly Dim[]; ys: readonly Dim[] } | undefined {
  const x = ctx.node.inputs[0] ?? '';
  const y = ctx.node.outputs[0] ?? '';
  const xs = ctx.shape(x);
  const ys = ctx.shape(y);
  if (xs === undefined || ys === undefined) {
    failClosed(ctx, `${at(ctx)}: the shape of '${xs === undefined ? x : y}' is unknown`);
    return undefined;
  }
  return { x, y, xs, ys };
}

/**
 * Reshape: data → the target shape (input 1 from opset 5, attribute `shape` before). Coupled by factorisation (see
 * the file comment), from the inferred shapes. The target must be a constant: after pruning, each positive literal
 * entry at a pruned output axis is rewritten to the new size; 0 entries (copy the input's axis) are allowed only
 * where that axis maps to itself, so they still resolve; a −1 entry absorbs whatever is left and resolves as before.
 */
function reshapeHandler(since: number, target: { readonly input: number } | { readonly attr: string }): PruneHandler {
  return definePruneHandler({
    opType: 'Reshape',
    since,
    couple: (ctx) => {
      const list = intList(ctx, target);
      if (list.kind !== 'known') {
        failClosed(ctx, `Reshape target of node ${nodeLabel(ctx.node)} is computed at run time; fold it into a constant (onnx-simplifier does) to prune through it`);
        return;
      }
      const s = shapesOrFail(ctx);
      if (s === undefined) return;
      const runs = coupleReshaped(ctx, s.x, s.xs, s.y, s.ys);
      if (attrInt(ctx.node, 'allowzero', 0) === 1) return;
      list.ints.forEach((t, p) => {
        if (t !== 0 || s.xs[p] === 1) return;
        if (runs.some((r) => r.ins.length === 1 && r.outs.length === 1 && r.ins[0] === p && r.outs[0] === p)) return;
        const reason = `${at(ctx)}: target entry ${String(p)} is 0 (copy axis ${String(p)} of '${s.x}'), but that axis does not map to axis ${String(p)} of '${s.y}' alone`;
        ctx.block({ value: s.x, axis: p }, reason);
        ctx.block({ value: s.y, axis: p }, reason);
      });
    },
    rewrite: (ctx) => {
      const list = intList(ctx, target);
      if (list.kind !== 'known') return ctx.node;
      const y = ctx.node.outputs[0] ?? '';
      const next = list.ints.map((t, axis) => (t > 0 ? (ctx.kept({ value: y, axis })?.length ?? t) : t));
      return next.every((t, i) => t === list.ints[i]) ? ctx.node : writeIntList(ctx, ctx.node, target, next);
    },
  });
}

/**
 * Flatten: [d0 … d(r-1)] → [d0·…·d(a-1), da·…·d(r-1)] for `axis` a (default 1). Each side is a merge: [N, C, H, W]
 * with axis 1 gives N → axis 0 (identity) and C → axis 1 with `expand(H·W)`, H and W blocked; size-1 axes (the H, W
 * after a global pool) are skipped, so GAP → Flatten → Gemm maps each channel to one feature.
 */
const flatten = definePruneHandler({
  opType: 'Flatten',
  since: 1,
  couple: (ctx) => {
    const s = shapesOrFail(ctx);
    if (s === undefined) return;
    const axis = normAxis(attrInt(ctx.node, 'axis', 1), s.xs.length);
    const sides = [range(0, axis), range(axis, s.xs.length)];
    sides.forEach((axes, outAxis) => {
      const real = axes.filter((a) => s.xs[a] !== 1);
      const [only] = real;
      if (only === undefined) return;
      if (real.length === 1) couple(ctx, { value: s.x, axis: only }, { value: s.y, axis: outAxis });
      else coupleMerge(ctx, s.x, s.xs, real, s.y, outAxis);
    });
  },
});

/** Transpose: output axis j is input axis perm[j] (default: reversed), index for index. */
const transpose = definePruneHandler({
  opType: 'Transpose',
  since: 1,
  couple: (ctx) => {
    const s = shapesOrFail(ctx);
    if (s === undefined) return;
    const rank = s.xs.length;
    const perm = attrInts(ctx.node, 'perm') ?? range(0, rank).reverse();
    if (perm.length !== rank || s.ys.length !== rank) {
      failClosed(ctx, `${at(ctx)}: perm [${perm.join(', ')}] does not fit rank ${String(rank)}`);
      return;
    }
    perm.forEach((p, j) => {
      couple(ctx, { value: s.y, axis: j }, { value: s.x, axis: normAxis(p, rank) });
    });
  },
});

/**
 * Squeeze: removes size-1 axes (`axes` attribute before opset 13, input from 13; every size-1 axis when absent). The
 * remaining axes pass through in order.
 */
function squeezeHandler(since: number, axesSource: { readonly input: number } | { readonly attr: string }): PruneHandler {
  return definePruneHandler({
    opType: 'Squeeze',
    since,
    couple: (ctx) => {
      const s = shapesOrFail(ctx);
      if (s === undefined) return;
      const list = intList(ctx, axesSource);
      if (list.kind === 'computed') {
        failClosed(ctx, `Squeeze axes of node ${nodeLabel(ctx.node)} are computed at run time`);
        return;
      }
      const rank = s.xs.length;
      const removed = list.kind === 'known' ? list.ints.map((a) => normAxis(a, rank)) : range(0, rank).filter((a) => s.xs[a] === 1);
      const kept = range(0, rank).filter((a) => !removed.includes(a));
      if (kept.length !== s.ys.length) {
        failClosed(ctx, `${at(ctx)}: '${s.x}' keeps ${String(kept.length)} axes but '${s.y}' has ${String(s.ys.length)}`);
        return;
      }
      kept.forEach((a, j) => {
        couple(ctx, { value: s.x, axis: a }, { value: s.y, axis: j });
      });
    },
  });
}

/** Unsqueeze: inserts size-1 axes at `axes` (of the output; attribute before opset 13, input from 13). */
function unsqueezeHandler(since: number, axesSource: { readonly input: number } | { readonly attr: string }): PruneHandler {
  return definePruneHandler({
    opType: 'Unsqueeze',
    since,
    couple: (ctx) => {
      const s = shapesOrFail(ctx);
      if (s === undefined) return;
      const list = intList(ctx, axesSource);
      if (list.kind !== 'known') {
        failClosed(ctx, `Unsqueeze axes of node ${nodeLabel(ctx.node)} are ${list.kind === 'computed' ? 'computed at run time' : 'missing'}`);
        return;
      }
      const outRank = s.ys.length;
      const inserted = list.ints.map((a) => normAxis(a, outRank));
      const passed = range(0, outRank).filter((a) => !inserted.includes(a));
      if (passed.length !== s.xs.length) {
        failClosed(ctx, `${at(ctx)}: '${s.y}' keeps ${String(passed.length)} axes of '${s.x}', which has ${String(s.xs.length)}`);
        return;
      }
      passed.forEach((o, i) => {
        couple(ctx, { value: s.x, axis: i }, { value: s.y, axis: o });
      });
    },
  });
}

/**
 * Expand: broadcasts X to `shape` (input 1), numpy rules. Axes X keeps pass through; axes it broadcasts from 1, and
 * new leading axes, are blocked. `shape` lists every output axis, so it must be a constant at least as long as X's
 * rank: an entry at a pruned axis that is not 1 is rewritten to the new size.
 */
const expand = definePruneHandler({
  opType: 'Expand',
  since: 8,
  couple: (ctx) => {
    const list = intList(ctx, { input: 1 });
    if (list.kind !== 'known') {
      failClosed(ctx, `Expand shape of node ${nodeLabel(ctx.node)} is computed at run time; fold it into a constant to prune through it`);
      return;
    }
    const s = shapesOrFail(ctx);
    if (s === undefined) return;
    if (list.ints.length < s.xs.length || s.ys.length !== list.ints.length) {
      failClosed(ctx, `${at(ctx)}: its shape has ${String(list.ints.length)} entries for '${s.x}' of rank ${String(s.xs.length)}`);
      return;
    }
    const shift = s.ys.length - s.xs.length;
    for (let o = 0; o < shift; o++) ctx.block({ value: s.y, axis: o }, `${at(ctx)} adds axis ${String(o)} to '${s.y}'`);
    s.xs.forEach((d, a) => {
      const o = a + shift;
      if (sameDim(d, s.ys[o])) couple(ctx, { value: s.x, axis: a }, { value: s.y, axis: o });
      else ctx.block({ value: s.y, axis: o }, `${at(ctx)} broadcasts axis ${String(o)} of '${s.y}' from ${String(d)} to ${String(s.ys[o])}`);
    });
  },
  rewrite: (ctx) => {
    const list = intList(ctx, { input: 1 });
    if (list.kind !== 'known') return ctx.node;
    const y = ctx.node.outputs[0] ?? '';
    const next = list.ints.map((t, axis) => (t > 1 ? (ctx.kept({ value: y, axis })?.length ?? t) : t));
    return next.every((t, i) => t === list.ints[i]) ? ctx.node : writeIntList(ctx, ctx.node, { input: 1 }, next);
  },
});

/** Tile (opset 6+): each axis repeated `repeats[i]` times. Unrepeated axes pass through; repeated axes are blocked. */
const tile = definePruneHandler({
  opType: 'Tile',
  since: 6,
  couple: (ctx) => {
    const s = shapesOrFail(ctx);
    if (s === undefined) return;
    if (s.xs.length !== s.ys.length) {
      failClosed(ctx, `${at(ctx)}: the ranks of '${s.x}' and '${s.y}' differ`);
      return;
    }
    s.xs.forEach((d, a) => {
      if (sameDim(d, s.ys[a])) {
        couple(ctx, { value: s.x, axis: a }, { value: s.y, axis: a });
        return;
      }
      const reason = `${at(ctx)} repeats axis ${String(a)} of '${s.x}' (${String(d)} → ${String(s.ys[a])})`;
      ctx.block({ value: s.x, axis: a }, reason);
      ctx.block({ value: s.y, axis: a }, reason);
    });
  },
});

/**
 * Shape and Size read only sizes, so they couple nothing: a pruned value's Shape simply reports the new size at run
 * time. Where that size flows into a computation that must stay consistent (a Reshape target, an Expand shape), the
 * consumer sees a computed input and blocks.
 */
const sizeReaders: readonly PruneHandler[] = ['Shape', 'Size'].map((opType) =>
  definePruneHandler({
    opType,
    since: 1,
    couple: () => undefined,
  }),
);

export const tensorShapePruneHandlers: readonly PruneHandler[] = [
  reshapeHandler(1, { attr: 'shape' }),
  reshapeHandler(5, { input: 1 }),
  flatten,
  transpose,
  squeezeHandler(1, { attr: 'axes' }),
  squeezeHandler(13, { input: 1 }),
  unsqueezeHandler(1, { attr: 'axes' }),
  unsqueezeHandler(13, { input: 1 }),
  expand,
  tile,
  ...sizeReaders,
];
