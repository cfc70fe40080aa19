import { attrInt, nodeLabel } from '../../ir/attributes.ts';
import type { Dim, IrNode } from '../../ir/types.ts';
import { definePruneHandler, type CoupleContext, type PruneHandler, type RewriteContext } from '../types.ts';
import { at, couple, failClosed, intList, intTensor, normAxis, rankOf, withIntsAttribute, withoutAttribute, writeIntList, type IntList } from './common.ts';

/*
 * Concat, Split, Slice and Gather place pieces of one tensor inside another along an axis. Every other axis passes
 * through; on that axis, each piece is coupled to its place in the whole with an `offset` map, so one channel of the
 * whole is the same channel of exactly one piece (DenseNet: each Concat output channel belongs to one producer).
 */

/** The node's axis attribute normalised against `rank` (`fallback` when absent). */
function axisOf(ctx: CoupleContext | RewriteContext, rank: number, fallback: number): number {
  return normAxis(attrInt(ctx.node, 'axis', fallback), rank);
}

/**
 * Concat: inputs [… s_i …] along `axis` → output [… Σ s_i …]. Input i's axis maps into the output at
 * offset(s_0 + … + s_(i-1)); the other axes are identical. A constant input's slice of the output cannot be removed
 * (the constant is not one of the group's weights), so a Concat with a constant input blocks its axis.
 */
const concat = definePruneHandler({
  opType: 'Concat',
  since: 1,
  couple: (ctx) => {
    const y = ctx.node.outputs[0] ?? '';
    const ys = ctx.shape(y);
    if (ys === undefined) {
      failClosed(ctx, `${at(ctx)}: the shape of '${y}' is unknown`);
      return;
    }
    const axis = axisOf(ctx, ys.length, ctx.opset < 4 ? 1 : 0);
    let offset: number | undefined = 0;
    for (const input of ctx.node.inputs) {
      if (input === '') continue;
      const s = ctx.shape(input);
      if (s === undefined || s.length !== ys.length) {
        failClosed(ctx, `${at(ctx)}: the rank of '${input}' is unknown or differs from '${y}'`);
        return;
      }
      for (let k = 0; k < s.length; k++) if (k !== axis) couple(ctx, { value: input, axis: k }, { value: y, axis: k });
      const size = s[axis];
      if (ctx.constant(input) !== undefined) {
        if (size !== 0) ctx.block({ value: y, axis }, `${at(ctx)} places constant '${input}' on axis ${String(axis)} of '${y}'; its entries cannot be removed`);
      } else if (offset !== undefined) {
        couple(ctx, { value: input, axis }, { value: y, axis }, { kind: 'offset', offset });
      } else {
        const reason = `${at(ctx)}: the place of '${input}' on axis ${String(axis)} of '${y}' depends on a symbolic size`;
        ctx.block({ value: input, axis }, reason);
        ctx.block({ value: y, axis }, reason);
      }
      offset = offset !== undefined && typeof size === 'number' ? offset + size : undefined;
    }
  },
});

type ListSource = { readonly input: number } | { readonly attr: string };

/** The rank of `value` for a rewrite that must normalise a negative axis; throws rather than guess. */
function rankForRewrite(ctx: RewriteContext, value: string, axis: number): number {
  if (axis >= 0) return 0;
  const rank = ctx.shape?.(value)?.length;
  if (rank === undefined) {
    throw new Error(`${at(ctx)}: a negative axis needs the rank of '${value}', which the rewrite context does not give`);
  }
  return rank;
}

/**
 * Split: X along `axis` (default 0) into outputs of the given sizes: the `split` attribute (opsets 1–12), input 1
 * (13+), or equal parts (`num_outputs` at 18+, or nothing). Output j's axis maps into X at offset(size_0 + … +
 * size_(j-1)). After pruning the sizes are written back explicitly (an equal split whose parts became unequal gains
 * an explicit list; `num_outputs` is dropped then).
 */
function splitHandler(since: number, sizes: ListSource): PruneHandler {
  return definePruneHandler({
    opType: 'Split',
    since,
    couple: (ctx) => {
      const x = ctx.node.inputs[0] ?? '';
      const xs = ctx.shape(x);
      const list = intList(ctx, sizes);
      if (list.kind === 'computed') {
        failClosed(ctx, `Split sizes of node ${nodeLabel(ctx.node)} are computed at run time`);
        return;
      }
      if (xs === undefined || ctx.node.outputs.includes('')) {
        failClosed(ctx, `${at(ctx)}: the shape of '${x}' is unknown or an output is omitted`);
        return;
      }
      const axis = axisOf(ctx, xs.length, 0);
      let offset: number | undefined = 0;
      for (const o of ctx.node.outputs) {
        const s = ctx.shape(o);
        if (s === undefined || s.length !== xs.length) {
          failClosed(ctx, `${at(ctx)}: the rank of '${o}' is unknown or differs from '${x}'`);
          return;
        }
        for (let k = 0; k < s.length; k++) if (k !== axis) couple(ctx, { value: x, axis: k }, { value: o, axis: k });
        const size = s[axis];
        if (offset !== undefined) {
          couple(ctx, { value: o, axis }, { value: x, axis }, { kind: 'offset', offset });
        } else {
          const reason = `${at(ctx)}: the place of '${o}' on axis ${String(axis)} of '${x}' depends on a symbolic size`;
          ctx.block({ value: o, axis }, reason);
          ctx.block({ value: x, axis }, reason);
        }
        offset = offset !== undefined && typeof size === 'number' ? offset + size : undefined;
      }
    },
    rewrite: (ctx) => rewriteSplit(ctx, sizes),
  });
}

function rewriteSplit(ctx: RewriteContext, sizes: ListSource): IrNode {
  const x = ctx.node.inputs[0] ?? '';
  const raw = attrInt(ctx.node, 'axis', 0);
  const axis = normAxis(raw, rankForRewrite(ctx, x, raw));
  const dims = ctx.node.outputs.map((value) => ({ value, axis }));
  if (dims.every((d) => ctx.kept(d) === undefined)) return ctx.node;
  const next = dims.map((d) => ctx.kept(d)?.length ?? ctx.sizeBefore(d));
  if (next.some((n) => n === undefined)) throw new Error(`${at(ctx)}: the size of an unpruned output is unknown`);
  const values = next.map((n) => n ?? 0);
  const equal = values.every((v) => v === values[0]);
  if ('attr' in sizes) return withIntsAttribute(ctx.node, sizes.attr, values);
  if ((ctx.node.inputs[sizes.input] ?? '') !== '') return writeIntList(ctx, ctx.node, sizes, values);
  if (equal) return ctx.node;
  const node = withoutAttribute(ctx.node, 'num_outputs');
  ctx.replaceConstantInput(sizes.input, intTensor(values));
  return { ...node, inputs: Array.from({ length: Math.max(node.inputs.length, sizes.input + 1) }, (_, i) => node.inputs[i] ?? '') };
}

/** Slice bounds of one generation: attributes (opsets 1–9) or inputs 1–4 (10+). */
interface SliceSources {
  readonly starts: ListSource;
  readonly ends: ListSource;
  readonly axes: ListSource;
  readonly steps: ListSource | undefined;
}

interface SliceBounds {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly axes: readonly number[];
  readonly steps: readonly number[];
}

function readBounds(ctx: CoupleContext | RewriteContext, sources: SliceSources): SliceBounds | undefined {
  const known = (l: IntList): readonly number[] | undefined | 'computed' => (l.kind === 'known' ? l.ints : l.kind === 'computed' ? 'computed' : undefined);
  const starts = known(intList(ctx, sources.starts));
  const ends = known(intList(ctx, sources.ends));
  const axes = known(intList(ctx, sources.axes));
  const steps = sources.steps === undefined ? undefined : known(intList(ctx, sources.steps));
  if (starts === undefined || ends === undefined || starts === 'computed' || ends === 'computed' || axes === 'computed' || steps === 'computed') return undefined;
  return {
    starts,
    ends,
    axes: axes ?? starts.map((_, i) => i),
    steps: steps ?? starts.map(() => 1),
  };
}

/** A Slice bound clamped into [0, dim] (undefined when a negative bound meets a symbolic dim). */
function clampBound(v: number, dim: Dim | undefined): number | undefined {
  if (typeof dim !== 'number') return v >= 0 ? v : undefined;
  const n = v < 0 ? v + dim : v;
  return Math.min(Math.max(n, 0), dim);
}

/**
 * Slice: X → X[starts:ends:steps] on `axes`. Bounds must be constants. On a sliced axis with step 1, output index i
 * is input index start + i (`offset(start)`); other steps are blocked; unsliced axes pass through. After pruning, the
 * bounds of a pruned sliced axis are rewritten to the positions of the surviving indices.
 */
function sliceHandler(since: number, sources: SliceSources): PruneHandler {
  return definePruneHandler({
    opType: 'Slice',
    since,
    couple: (ctx) => {
      const x = ctx.node.inputs[0] ?? '';
      const y = ctx.node.outputs[0] ?? '';
      const xs = ctx.shape(x);
      const bounds = readBounds(ctx, sources);
      if (bounds === undefined) {
        failClosed(ctx, `Slice bounds of node ${nodeLabel(ctx.node)} are computed at run time`);
        return;
      }
      if (xs === undefined || rankOf(ctx, y) !== xs.length) {
        failClosed(ctx, `${at(ctx)}: the ranks of '${x}' and '${y}' are unknown or differ`);
        return;
      }
      const sliced = new Map<number, number>();
      bounds.axes.forEach((a, i) => sliced.set(normAxis(a, xs.length), i));
      for (let k = 0; k < xs.length; k++) {
        const i = sliced.get(k);
        if (i === undefined) {
          couple(ctx, { value: x, axis: k }, { value: y, axis: k });
          continue;
        }
        const step = bounds.steps[i] ?? 1;
        const start = clampBound(bounds.starts[i] ?? 0, xs[k]);
        let reason: string | undefined;
        if (step !== 1) reason = `${at(ctx)} slices axis ${String(k)} of '${x}' with step ${String(step)}`;
        else if (start === undefined) reason = `${at(ctx)} slices axis ${String(k)} of '${x}' from the end of a symbolic size`;
        if (reason !== undefined || start === undefined) {
          ctx.block({ value: x, axis: k }, reason ?? '');
          ctx.block({ value: y, axis: k }, reason ?? '');
          continue;
        }
        couple(ctx, { value: y, axis: k }, { value: x, axis: k }, { kind: 'offset', offset: start });
      }
    },
    rewrite: (ctx) => {
      const bounds = readBounds(ctx, sources);
      if (bounds === undefined) return ctx.node;
      const x = ctx.node.inputs[0] ?? '';
      const starts = [...bounds.starts];
      const ends = [...bounds.ends];
      let changed = false;
      for (const [i, raw] of bounds.axes.entries()) {
        const axis = normAxis(raw, rankForRewrite(ctx, x, raw));
        const kept = ctx.kept({ value: x, axis });
        const before = ctx.sizeBefore({ value: x, axis });
        if (kept === undefined || before === undefined) continue;
        const start = clampBound(bounds.starts[i] ?? 0, before) ?? 0;
        const end = clampBound(bounds.ends[i] ?? before, before) ?? before;
        starts[i] = kept.filter((k) => k < start).length;
        if ((bounds.ends[i] ?? before) < before) ends[i] = kept.filter((k) => k < end).length;
        changed = true;
      }
      if (!changed) return ctx.node;
      const node = writeIntList(ctx, ctx.node, sources.starts, starts);
      return writeIntList(ctx, node, sources.ends, ends);
    },
  });
}

/**
 * Gather: data [d0 … d(r-1)], indices [i0 … i(q-1)], `axis` a → [d0 … d(a-1), i0 … i(q-1), d(a+1) … d(r-1)]. Data
 * axes other than a pass through (shifted by q − 1 after a); the indices' axes become output axes a … a+q−1. Axis a
 * of the data is read at arbitrary indices, so it is blocked (a constant data table is a weight: its other axes are
 * sliced with the group).
 */
const gather = definePruneHandler({
  opType: 'Gather',
  since: 1,
  couple: (ctx) => {
    const [data = '', indices = ''] = ctx.node.inputs;
    const y = ctx.node.outputs[0] ?? '';
    const ds = ctx.shape(data);
    const is = ctx.shape(indices);
    const ys = ctx.shape(y);
    if (ds === undefined || is === undefined || ys === undefined || ys.length !== ds.length + is.length - 1) {
      failClosed(ctx, `${at(ctx)}: the shapes of its inputs or output are unknown or inconsistent`);
      return;
    }
    const axis = axisOf(ctx, ds.length, 0);
    const q = is.length;
    for (let k = 0; k < ds.length; k++) {
      if (k === axis) continue;
      couple(ctx, { value: data, axis: k }, { value: y, axis: k < axis ? k : k + q - 1 });
    }
    for (let m = 0; m < q; m++) couple(ctx, { value: indices, axis: m }, { value: y, axis: axis + m });
    if (ctx.constant(data) === undefined) ctx.block({ value: data, axis }, `${at(ctx)} reads axis ${String(axis)} of '${data}' at the indices '${indices}'`);
  },
});

export const concatSplitSlicePruneHandlers: readonly PruneHandler[] = [
  concat,
  splitHandler(1, { attr: 'split' }),
  splitHandler(13, { input: 1 }),
  sliceHandler(1, { starts: { attr: 'starts' }, ends: { attr: 'ends' }, axes: { attr: 'axes' }, steps: undefined }),
  sliceHandler(10, { starts: { input: 1 }, ends: { input: 2 }, axes: { input: 3 }, steps: { input: 4 } }),
  gather,
];
