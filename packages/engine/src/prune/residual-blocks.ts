/**
 * Residual blocks y = x + f(x) and their removal (the block-level structural pruning of layer-dropping methods, e.g.
 * Veit et al., "Residual Networks Behave Like Ensembles of Relatively Shallow Networks", NeurIPS 2016: removing f
 * leaves y = x).
 */
import { computeCost } from '../cost/cost-model.ts';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { nodeLabel, normalizeDomain } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import type { Dim, IrGraph, IrModel, IrNode } from '../ir/types.ts';
import { inferShapes } from '../shape/infer.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import { removeDeadCode } from './cleanup.ts';
import { namesReadInSubgraphs, nodeReads } from './graph-reads.ts';
import type { ResidualBlock } from './types.ts';

/** A block with the graph positions needed to remove it. */
interface BlockSite {
  readonly block: ResidualBlock;
  readonly addIndex: number;
  /** The residual output y. */
  readonly output: string;
  readonly body: ReadonlySet<number>;
}

interface Readers {
  /** Value → indices of the nodes that read it (inputs or from inside their bodies). */
  readonly readers: ReadonlyMap<string, readonly number[]>;
  readonly producer: ReadonlyMap<string, number>;
}

function readersOf(graph: IrGraph): Readers {
  const readers = new Map<string, number[]>();
  const producer = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    for (const o of n.outputs) if (o !== '') producer.set(o, i);
    for (const v of nodeReads(n)) {
      const list = readers.get(v);
      if (list) list.push(i);
      else readers.set(v, [i]);
    }
  });
  return { readers, producer };
}

function sameShape(a: readonly Dim[] | undefined, b: readonly Dim[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The body f of y = x + f(x) when `exit` is f's output: every node between x and `exit`, or undefined when f reads
 * anything but x and constants, or anything it computes is read outside it (f must have one entry and one exit).
 */
function bodyOf(graph: IrGraph, addIndex: number, x: string, exit: string, r: Readers, constants: ReadonlySet<string>, outputs: ReadonlySet<string>): Set<number> | undefined {
  const body = new Set<number>();
  const xProducer = r.producer.get(x);
  const stack = [exit];
  const seen = new Set<string>();
  let readsX = false;
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    if (seen.has(v)) continue;
    seen.add(v);
    if (v === x) {
      readsX = true;
      continue;
    }
    if (constants.has(v)) continue;
    const p = r.producer.get(v);
    if (p === undefined || p === xProducer || p === addIndex) return undefined;
    if (body.has(p)) continue;
    body.add(p);
    const node = graph.nodes[p];
    if (node !== undefined) stack.push(...nodeReads(node));
  }
  if (!readsX || body.size === 0) return undefined;
  for (const i of body) {
    for (const o of graph.nodes[i]?.outputs ?? []) {
      if (o === '') continue;
      if (outputs.has(o)) return undefined;
      const readers = r.readers.get(o) ?? [];
      const allowed = o === exit ? readers.length === 1 && readers[0] === addIndex : readers.every((j) => body.has(j));
      if (!allowed) return undefined;
    }
  }
  return body;
}

function isResidualAdd(node: IrNode): boolean {
  return node.opType === 'Add' && normalizeDomain(node.domain) === 'ai.onnx' && node.inputs.length === 2 && node.outputs.length === 1;
}

function blockSites(model: IrModel, shapes: ShapeInferenceResult): BlockSite[] {
  const graph = model.graph;
  const index = indexGraph(graph);
  const constants = new Set(index.constants.keys());
  const r = readersOf(graph);
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const cost = computeCost(model, shapes);
  const sites: BlockSite[] = [];
  graph.nodes.forEach((node, addIndex) => {
    if (!isResidualAdd(node)) return;
    const [a = '', b = ''] = node.inputs;
    const y = node.outputs[0] ?? '';
    if (a === '' || b === '' || a === b || constants.has(a) || constants.has(b)) return;
    const yInfo = shapes.values.get(y);
    for (const [x, exit] of [[a, b], [b, a]] as const) {
      const xInfo = shapes.values.get(x);
      if (xInfo?.dtype === undefined || xInfo.dtype !== yInfo?.dtype || !sameShape(xInfo.shape, yInfo.shape)) continue;
      const body = bodyOf(graph, addIndex, x, exit, r, constants, outputs);
      if (body === undefined) continue;
      const ordered = [...body].sort((i, j) => i - j);
      const macs = ordered.map((i) => cost.nodes[i]?.macs);
      const label = nodeLabel(node);
      sites.push({
        block: {
          id: `block:${label}`,
          add: label,
          entry: x,
          nodes: ordered.map((i) => cost.nodes[i]?.label ?? ''),
          params: ordered.reduce((s, i) => s + (cost.nodes[i]?.params ?? 0), 0),
          macs: macs.every((m) => m !== undefined) ? macs.reduce((s, m) => s + m, 0) : undefined,
        },
        addIndex,
        output: y,
        body,
      });
      return;
    }
  });
  return sites;
}

/**
 * Finds every residual block y = x + f(x) of the main graph.
 *
 * A block is an `Add` with two computed inputs where one input x is the only non-constant value that f (the nodes
 * between x and the other input) reads, nothing f computes is read outside f except its exit, which only the Add
 * reads, and x and y have the same dtype and the same (inferred) shape — so that y = x is a drop-in replacement.
 * Post-conditions: blocks in graph order of their Add; bodies list computing nodes only (constants are read, not
 * owned); `params` and `macs` are the body's static estimates from `computeCost` (MACs undefined when unknown).
 * @public
 */
export function findResidualBlocks(model: IrModel, shapes: ShapeInferenceResult = inferShapes(model)): ResidualBlock[] {
  return blockSites(model, shapes).map((s) => s.block);
}

/** Resolves chains of replacements (x of one dropped block may be y of another). */
function resolver(renames: ReadonlyMap<string, string>): (v: string) => string {
  return (v) => {
    let out = v;
    for (let guard = 0; renames.has(out) && guard <= renames.size; guard++) out = renames.get(out) ?? out;
    return out;
  };
}

/**
 * Removes the bodies of the named residual blocks, so that each y = x + f(x) becomes y = x.
 *
 * Pre-conditions: `ids` are `ResidualBlock.id`s of `model` (`findResidualBlocks`). Post-conditions: readers of y read
 * x instead; where y is a graph output or is read inside an If/Loop/Scan body it keeps its name through an
 * `Identity` in the Add's place; dead nodes and unused constants are removed. The input model is not modified.
 * @throws EngineError `ENGINE_ERR_PLAN_MISMATCH` naming an id that is not a residual block of the model.
 * @public
 */
export function removeBlocks(model: IrModel, ids: readonly string[], shapes: ShapeInferenceResult = inferShapes(model)): IrModel {
  if (ids.length === 0) return model;
  const sites = blockSites(model, shapes);
  const byId = new Map(sites.map((s) => [s.block.id, s]));
  const chosen: BlockSite[] = [];
  for (const id of new Set(ids)) {
    const site = byId.get(id);
    if (site === undefined) {
      const known = sites.map((s) => `'${s.block.id}'`);
      throw new EngineError(
        EngineErrorCode.PlanMismatch,
        `'${id}' is not a residual block of this model; ${known.length === 0 ? 'the model has none' : `expected one of ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''}`}.`,
        id,
      );
    }
    chosen.push(site);
  }
  const graph = model.graph;
  const gone = new Set<number>();
  const renames = new Map<string, string>();
  for (const s of chosen) {
    for (const i of s.body) gone.add(i);
    gone.add(s.addIndex);
    renames.set(s.output, s.block.entry);
  }
  const resolve = resolver(renames);
  const keepName = new Set([...graph.outputs.map((o) => o.name), ...namesReadInSubgraphs(graph)]);
  const identities = new Map<number, IrNode>();
  for (const s of chosen) {
    if (!keepName.has(s.output)) continue;
    const add = graph.nodes[s.addIndex];
    if (add === undefined) continue;
    identities.set(s.addIndex, { ...add, opType: 'Identity', domain: '', inputs: [resolve(s.block.entry)], attributes: [] });
  }
  const nodes: IrNode[] = [];
  graph.nodes.forEach((node, i) => {
    const identity = identities.get(i);
    if (identity !== undefined) nodes.push(identity);
    if (gone.has(i)) return;
    const inputs = node.inputs.map((v) => (keepName.has(v) ? v : resolve(v)));
    nodes.push(inputs.every((v, j) => v === node.inputs[j]) ? node : { ...node, inputs });
  });
  return { ...model, graph: removeDeadCode({ ...graph, nodes }) };
}
