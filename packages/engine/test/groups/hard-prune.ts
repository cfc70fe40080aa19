/**
 * A test oracle for the prune handlers' `couple` and `rewrite`: removes channels of some groups the plainest way
 * (slice every weight slice the groups list, call each touched node's `rewrite`) and builds the soft-pruned twin (the
 * same channels zeroed in every weight slice). onnxruntime must give the same outputs for both. This is not the engine's pruner (src/prune/ adds cleanup, BN
 * folding and validation); it exists so the handlers are checked end to end without depending on it.
 */
import { expect } from 'vitest';
import { keptIndices } from '../../src/groups/build-groups.ts';
import { dimKey, mapIndex } from '../../src/groups/dim-ref.ts';
import type { DependencyGroup, ParamSlice, RewriteContext } from '../../src/groups/types.ts';
import { nodeLabel, normalizeDomain } from '../../src/ir/attributes.ts';
import { indexGraph } from '../../src/ir/graph-index.ts';
import { readAsFloat32, tensorFromArray } from '../../src/ir/tensor.ts';
import type { IrModel, IrNode, IrTensor } from '../../src/ir/types.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { opsetMap } from '../../src/ops/registry.ts';
import { defaultPruneRegistry } from '../../src/register-all.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import { inferShapes } from '../../src/shape/infer.ts';
import { expectTensorsClose } from '../helpers/expect-tensors-close.ts';
import { runBytes } from '../helpers/run-model.ts';

/** Tensor indices along `p.axis` that the removed indices of `p.dim` map to. */
function removedTensorIndices(group: DependencyGroup, p: ParamSlice, tensor: IrTensor, kept: ReadonlyMap<string, readonly number[]>): Set<number> {
  const member = group.members.find((m) => dimKey(m.dim) === dimKey(p.dim));
  const keep = new Set(kept.get(dimKey(p.dim)) ?? []);
  const out = new Set<number>();
  for (let i = 0; i < (member?.size ?? 0); i++) if (!keep.has(i)) for (const j of mapIndex(p.map, i, tensor.dims[p.axis] ?? 0)) out.add(j);
  return out;
}

/** Applies `edit` to each (row-major) block of `tensor` along `axis`: `keep` slices, `zero` clears. */
function editAxis(tensor: IrTensor, axis: number, indices: ReadonlySet<number>, mode: 'slice' | 'zero'): IrTensor {
  const values = readAsFloat32(tensor);
  const n = tensor.dims[axis] ?? 1;
  const inner = tensor.dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = tensor.dims.slice(0, axis).reduce((a, b) => a * b, 1);
  if (mode === 'zero') {
    const copy = values.slice();
    for (let o = 0; o < outer; o++) for (const j of indices) copy.fill(0, (o * n + j) * inner, (o * n + j + 1) * inner);
    return tensorFromArray(tensor.name, tensor.dtype, tensor.dims, copy);
  }
  const keep = Array.from({ length: n }, (_, j) => j).filter((j) => !indices.has(j));
  const out = new Float32Array(outer * keep.length * inner);
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (const j of keep) {
      out.set(values.subarray((o * n + j) * inner, (o * n + j + 1) * inner), at);
      at += inner;
    }
  }
  const dims = tensor.dims.map((d, i) => (i === axis ? keep.length : d));
  return tensorFromArray(tensor.name, tensor.dtype, dims, out);
}

/** The model with constants replaced, nodes swapped, `added` initializers appended and unread ones dropped. */
function withConstants(model: IrModel, replaced: ReadonlyMap<string, IrTensor>, nodes: readonly IrNode[], added: readonly IrTensor[]): IrModel {
  const graph = model.graph;
  const read = new Set([...nodes.flatMap((n) => n.inputs), ...graph.outputs.map((o) => o.name)]);
  return {
    ...model,
    graph: {
      ...graph,
      initializers: [...graph.initializers.map((t) => replaced.get(t.name) ?? t), ...added].filter((t) => read.has(t.name)),
      nodes: nodes.map((n) => {
        const r = n.opType === 'Constant' ? replaced.get(n.outputs[0] ?? '') : undefined;
        return r === undefined ? n : { ...n, attributes: n.attributes.map((a) => (a.name === 'value' && a.type === 'TENSOR' ? { ...a, value: { ...r, name: a.value.name } } : a)) };
      }),
    },
  };
}

/** Channels to remove from one group. */
export interface Removal {
  readonly group: DependencyGroup;
  readonly channels: readonly number[];
}

/** Slices (or zeroes) the removed indices of every weight slice of the groups along its axis. */
function editParams(model: IrModel, removals: readonly Removal[], mode: 'slice' | 'zero'): Map<string, IrTensor> {
  const constants = indexGraph(model.graph).constants;
  const perTensor = new Map<string, Map<number, Set<number>>>();
  for (const { group, channels } of removals) {
    const kept = keptIndices(group, new Set(channels));
    for (const p of group.params) {
      const tensor = constants.get(p.tensor);
      if (tensor === undefined) throw new Error(`param ${p.tensor} is not a constant`);
      const axes = perTensor.get(p.tensor) ?? new Map<number, Set<number>>();
      perTensor.set(p.tensor, axes);
      const set = axes.get(p.axis) ?? new Set<number>();
      for (const j of removedTensorIndices(group, p, tensor, kept)) set.add(j);
      axes.set(p.axis, set);
    }
  }
  const out = new Map<string, IrTensor>();
  for (const [name, axes] of perTensor) {
    let tensor = constants.get(name);
    if (tensor === undefined) continue;
    for (const [axis, indices] of axes) tensor = editAxis(tensor, axis, indices, mode);
    out.set(name, tensor);
  }
  return out;
}

/** Removes the channels of each removal (groups are disjoint): weight slices cut, touched nodes rewritten. */
export function hardPrune(model: IrModel, removals: readonly Removal[]): IrModel {
  const replaced = editParams(model, removals, 'slice');
  const kept = new Map<string, readonly number[]>();
  const sizes = new Map<string, number>();
  const touched = new Set<string>();
  for (const { group, channels } of removals) {
    for (const [k, v] of keptIndices(group, new Set(channels))) kept.set(k, v);
    for (const m of group.members) sizes.set(dimKey(m.dim), m.size);
    for (const n of group.nodes) touched.add(n);
  }
  const shapes = inferShapes(model);
  const constants = indexGraph(model.graph).constants;
  const registry = defaultPruneRegistry();
  const opsets = opsetMap(model.opsetImports);
  const added: IrTensor[] = [];
  const nodes = model.graph.nodes.map((node) => {
    const handler = touched.has(nodeLabel(node)) ? registry.resolve(node, opsets) : undefined;
    if (handler?.rewrite === undefined) return node;
    const slots = new Map<number, string>();
    const ctx: RewriteContext = {
      node,
      opset: opsets.get(normalizeDomain(node.domain)) ?? 0,
      kept: (d) => kept.get(dimKey(d)),
      sizeBefore: (d) => {
        const s = sizes.get(dimKey(d)) ?? shapes.values.get(d.value)?.shape?.[d.axis];
        return typeof s === 'number' ? s : undefined;
      },
      constant: (v) => constants.get(v),
      shape: (v) => shapes.values.get(v)?.shape,
      replaceConstantInput: (slot, tensor) => {
        const name = `${nodeLabel(node)}_rewritten_${String(slot)}`;
        added.push({ ...tensor, name });
        slots.set(slot, name);
      },
    };
    const rewritten = handler.rewrite(ctx);
    return { ...rewritten, inputs: rewritten.inputs.map((v, slot) => slots.get(slot) ?? v) };
  });
  return withConstants(model, replaced, nodes, added);
}

/**
 * The same channels zeroed in place in every weight slice of the group (producers' rows and biases, per-channel
 * constants, consumers' columns); shapes unchanged. Zeroing the consumers' side too makes the removed channels
 * contribute nothing even through ops that do not map 0 → 0 (HardSigmoid gates, BatchNorm shifts), so any
 * difference from the hard-pruned model is a coupling or rewrite error.
 */
export function softPrune(model: IrModel, removals: readonly Removal[]): IrModel {
  return withConstants(model, editParams(model, removals, 'zero'), model.graph.nodes, []);
}

/** Runs the hard- and soft-pruned models in onnxruntime and expects every output to agree. */
export async function expectHardEqualsSoftAll(model: IrModel, removals: readonly Removal[], feeds: Readonly<Record<string, HostTensor>>): Promise<void> {
  for (const { group } of removals) expect(group.blocks, group.id).toEqual([]);
  const hard = await runBytes(writeModel(hardPrune(model, removals)), feeds);
  const soft = await runBytes(writeModel(softPrune(model, removals)), feeds);
  expect(Object.keys(hard).sort()).toEqual(Object.keys(soft).sort());
  for (const [name, tensor] of Object.entries(soft)) {
    const actual = hard[name];
    expect(actual, name).toBeDefined();
    if (actual !== undefined) expectTensorsClose(actual, tensor);
  }
}

/** `expectHardEqualsSoftAll` for one group. */
export async function expectHardEqualsSoft(model: IrModel, group: DependencyGroup, channels: readonly number[], feeds: Readonly<Record<string, HostTensor>>): Promise<void> {
  await expectHardEqualsSoftAll(model, [{ group, channels }], feeds);
}
