import { nodeLabel, normalizeDomain, subgraphsOf } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import type { IrGraph, IrModel, IrNode } from '../ir/types.ts';
import { opsetMap, type OpRegistry } from '../ops/registry.ts';
import { defaultPruneRegistry } from '../register-all.ts';
import { inferShapes } from '../shape/infer.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import { dimKey, mapIndex, mapMismatch } from './dim-ref.ts';
import type {
  ChannelClass,
  CoupleContext,
  DependencyGroup,
  DimLink,
  DimRef,
  GroupAnalysis,
  GroupBlock,
  GroupMember,
  IndexMap,
  ParamSlice,
  PruneHandler,
} from './types.ts';
import { IDENTITY } from './types.ts';
import { KeyIndex, UnionFind } from './union-find.ts';

export interface BuildGroupsOptions {
  /** Shapes of the model as given (default: `inferShapes(model)` with the declared input shapes). */
  readonly shapes?: ShapeInferenceResult;
  readonly registry?: OpRegistry<PruneHandler>;
}

/** Everything the handlers said about the graph, before grouping. */
interface Couplings {
  readonly dims: KeyIndex;
  readonly refs: DimRef[];
  readonly links: DimLink[];
  readonly params: ParamSlice[];
  readonly sources: DimRef[];
  readonly blocks: Map<number, string[]>;
  /** Value name → reason: every axis of the value is blocked (unknown op, read inside a subgraph, ...). */
  readonly valueBlocks: Map<string, string>;
}

/**
 * Builds the dependency groups of a model: every set of dims and weight axes whose channels must be removed together.
 *
 * Pre-conditions: `model` passed `readModel` validation. Post-conditions: one group per connected set of coupled dims
 * that contains at least one source (a dim produced from weights: Conv/Gemm/MatMul outputs); groups are ordered by
 * their first source in graph order; a group with any block has no channels and lists every reason.
 *
 * Follows Fang et al., "DepGraph: Towards Any Structural Pruning" (CVPR 2023) as Torch-Pruning implements it, with
 * two differences that suit a static ONNX graph: coupling is declared per op by handlers as links between value axes
 * (plus weight slices), and a group's prunable units are the equivalence classes of coupled indices — so a channel
 * that becomes H×W features after Flatten, or an attention head that spans head_dim columns, is one unit.
 */
export function buildDependencyGroups(model: IrModel, options: BuildGroupsOptions = {}): GroupAnalysis {
  const shapes = options.shapes ?? inferShapes(model);
  const couplings = collectCouplings(model, shapes, options.registry ?? defaultPruneRegistry());
  return { groups: formGroups(model.graph, shapes, couplings) };
}

function collectCouplings(model: IrModel, shapes: ShapeInferenceResult, registry: OpRegistry<PruneHandler>): Couplings {
  const graph = model.graph;
  const index = indexGraph(graph);
  const opsets = opsetMap(model.opsetImports);
  const c: Couplings = { dims: new KeyIndex(), refs: [], links: [], params: [], sources: [], blocks: new Map(), valueBlocks: new Map() };
  const dimId = (d: DimRef): number => {
    const before = c.dims.size;
    const id = c.dims.id(dimKey(d));
    if (id === before) c.refs.push(d);
    return id;
  };
  const blockValue = (value: string, reason: string): void => {
    if (value !== '' && !c.valueBlocks.has(value)) c.valueBlocks.set(value, reason);
  };

  for (const input of graph.inputs) blockValue(input.name, `'${input.name}' is a graph input: the model's interface does not change`);
  for (const output of graph.outputs) blockValue(output.name, `'${output.name}' is a graph output: the model's interface does not change`);
  for (const name of namesReadInSubgraphs(graph)) blockValue(name, `'${name}' is read inside an If/Loop/Scan body, which pruning does not enter`);

  for (const node of graph.nodes) {
    if (node.opType === 'Constant' && normalizeDomain(node.domain) === 'ai.onnx') continue;
    const label = nodeLabel(node);
    const handler = registry.resolve(node, opsets);
    if (handler === undefined) {
      const domain = normalizeDomain(node.domain);
      const reason = `unknown op ${node.opType} (${domain} v${String(opsets.get(domain) ?? '?')}) at node ${label} has no pruning rule`;
      for (const v of [...node.inputs, ...node.outputs]) if (!index.constants.has(v)) blockValue(v, reason);
      continue;
    }
    const ctx: CoupleContext = {
      node,
      opset: opsets.get(normalizeDomain(node.domain)) ?? 0,
      shape: (value) => shapes.values.get(value)?.shape,
      constant: (value) => index.constants.get(value),
      link: (a, b, map = IDENTITY) => {
        dimId(a);
        dimId(b);
        c.links.push({ a, b, map, node: label });
      },
      param: (dim, tensor, axis, map = IDENTITY) => {
        dimId(dim);
        c.params.push({ tensor, axis, dim, map, node: label, input: node.inputs.indexOf(tensor) });
      },
      source: (dim) => {
        dimId(dim);
        c.sources.push(dim);
      },
      block: (dim, reason) => {
        const id = dimId(dim);
        const list = c.blocks.get(id);
        if (list) list.push(reason);
        else c.blocks.set(id, [reason]);
      },
    };
    try {
      handler.couple(ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const v of [...node.inputs, ...node.outputs]) if (!index.constants.has(v)) blockValue(v, `${node.opType} at ${label}: ${message}`);
    }
  }
  return c;
}

/** Outer-scope names that If/Loop/Scan bodies read (they are never rewritten, so their dims must not change). */
function namesReadInSubgraphs(graph: IrGraph): Set<string> {
  const names = new Set<string>();
  const stack: IrGraph[] = graph.nodes.flatMap(subgraphsOf);
  for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
    for (const n of g.nodes) {
      for (const i of n.inputs) if (i !== '') names.add(i);
      stack.push(...subgraphsOf(n));
    }
  }
  return names;
}

function formGroups(graph: IrGraph, shapes: ShapeInferenceResult, c: Couplings): DependencyGroup[] {
  const uf = new UnionFind(c.dims.size);
  const id = (d: DimRef): number => c.dims.get(dimKey(d)) ?? -1;
  for (const l of c.links) uf.union(id(l.a), id(l.b));

  const components = new Map<number, number[]>();
  for (let i = 0; i < c.dims.size; i++) {
    const root = uf.find(i);
    const list = components.get(root);
    if (list) list.push(i);
    else components.set(root, [i]);
  }

  const order = nodeOrder(graph);
  const producers = new Map<string, string>();
  for (const n of graph.nodes) for (const o of n.outputs) producers.set(o, nodeLabel(n));
  const groups: DependencyGroup[] = [];
  const seen = new Set<number>();
  for (const source of c.sources) {
    const root = uf.find(id(source));
    if (seen.has(root)) continue;
    seen.add(root);
    groups.push(makeGroup(components.get(root) ?? [], root, uf, shapes, c, order, producers));
  }
  return groups;
}

function nodeOrder(graph: IrGraph): Map<string, number> {
  const order = new Map<string, number>();
  graph.nodes.forEach((n: IrNode, i) => order.set(nodeLabel(n), i));
  return order;
}

function makeGroup(
  memberIds: readonly number[],
  root: number,
  uf: UnionFind,
  shapes: ShapeInferenceResult,
  c: Couplings,
  order: ReadonlyMap<string, number>,
  producers: ReadonlyMap<string, string>,
): DependencyGroup {
  const inGroup = (d: DimRef): boolean => uf.find(c.dims.get(dimKey(d)) ?? -1) === root;
  const sources = c.sources.filter(inGroup);
  const first = sources[0] ?? { value: '', axis: 0 };
  const blocks: GroupBlock[] = [];
  const members: GroupMember[] = [];
  const memberIndex = new Map<string, number>();
  for (const mid of memberIds) {
    const dim = c.refs[mid] ?? { value: '', axis: 0 };
    const size = shapes.values.get(dim.value)?.shape?.[dim.axis];
    for (const reason of c.blocks.get(mid) ?? []) blocks.push({ dim, reason });
    const valueBlock = c.valueBlocks.get(dim.value);
    if (valueBlock !== undefined) blocks.push({ dim, reason: valueBlock });
    if (typeof size !== 'number') {
      blocks.push({ dim, reason: `the size of ${dimKey(dim)} is ${size === undefined ? 'unknown' : `symbolic (${size})`}` });
    }
    memberIndex.set(dimKey(dim), members.length);
    members.push({ dim, size: typeof size === 'number' ? size : 0, producer: producers.get(dim.value) ?? '' });
  }
  const links = c.links.filter((l) => inGroup(l.a));
  const params = c.params.filter((p) => inGroup(p.dim));
  const touched = new Set<string>([...links.map((l) => l.node), ...params.map((p) => p.node)]);
  const nodes = [...touched].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const rootNode = params.find((p) => sources.some((s) => dimKey(s) === dimKey(p.dim)))?.node ?? nodes[0] ?? '';

  const base = { id: dimKey(first), root: rootNode, sources, members, params, nodes };
  if (blocks.length > 0) return { ...base, channels: [], blocks };
  const channels = channelClasses(members, memberIndex, links, blocks);
  if (blocks.length > 0) return { ...base, channels: [], blocks };
  return { ...base, channels, blocks };
}

/** Unions coupled indices across the group's member dims and returns the classes, ordered by (member, index). */
function channelClasses(
  members: readonly GroupMember[],
  memberIndex: ReadonlyMap<string, number>,
  links: readonly DimLink[],
  blocks: GroupBlock[],
): ChannelClass[] {
  const offsets: number[] = [];
  let total = 0;
  for (const m of members) {
    offsets.push(total);
    total += m.size;
  }
  const uf = new UnionFind(total);
  for (const l of links) {
    const ai = memberIndex.get(dimKey(l.a));
    const bi = memberIndex.get(dimKey(l.b));
    if (ai === undefined || bi === undefined) continue;
    const a = members[ai];
    const b = members[bi];
    if (a === undefined || b === undefined) continue;
    const mismatch = mapMismatch(l.map, a.size, b.size);
    if (mismatch !== undefined) {
      blocks.push({ dim: l.a, reason: `${l.node} couples ${dimKey(l.a)} with ${dimKey(l.b)} but ${mismatch}` });
      continue;
    }
    for (let i = 0; i < a.size; i++) {
      for (const j of mapIndex(l.map, i, b.size)) uf.union((offsets[ai] ?? 0) + i, (offsets[bi] ?? 0) + j);
    }
  }
  const classOf = new Map<number, Map<number, number[]>>();
  const ordered: Map<number, number[]>[] = [];
  members.forEach((m, mi) => {
    for (let i = 0; i < m.size; i++) {
      const r = uf.find((offsets[mi] ?? 0) + i);
      let cls = classOf.get(r);
      if (cls === undefined) {
        cls = new Map();
        classOf.set(r, cls);
        ordered.push(cls);
      }
      const list = cls.get(mi);
      if (list) list.push(i);
      else cls.set(mi, [i]);
    }
  });
  return ordered;
}

/** The indices of member dims that survive when `removed` channels of the group go (ascending, per member). */
export function keptIndices(group: DependencyGroup, removed: ReadonlySet<number>): Map<string, number[]> {
  const gone = group.members.map(() => new Set<number>());
  group.channels.forEach((cls, c) => {
    if (!removed.has(c)) return;
    for (const [mi, indices] of cls) for (const i of indices) gone[mi]?.add(i);
  });
  const kept = new Map<string, number[]>();
  group.members.forEach((m, mi) => {
    const g = gone[mi] ?? new Set<number>();
    kept.set(dimKey(m.dim), Array.from({ length: m.size }, (_, i) => i).filter((i) => !g.has(i)));
  });
  return kept;
}

/** Re-exported for handlers that build maps. */
export type { IndexMap };
