/** Edges of the graph view: one per (consumer, input slot) fed by a node or a graph input, plus graph outputs. */
import type { GraphIndex } from '../ir/graph-index.ts';
import type { IrGraph, IrNode } from '../ir/types.ts';
import type { GraphViewEdge } from './graph-view.ts';
import type { ValueTypes } from './value-types.ts';

/** Port ids of graph inputs and outputs. */
export function inputPortId(name: string): string {
  return `input:${name}`;
}
export function outputPortId(name: string): string {
  return `output:${name}`;
}

export interface EdgeSources {
  readonly graph: IrGraph;
  readonly index: GraphIndex;
  readonly types: ValueTypes;
  /** Node → id. */
  readonly ids: ReadonlyMap<IrNode, string>;
  /** Nodes that get no edges (folded `Constant` nodes). */
  readonly hidden: ReadonlySet<IrNode>;
  /** Graph inputs that are real inputs (not initializers listed as inputs, as IR < 4 files do). */
  readonly realInputs: ReadonlySet<string>;
}

/** Where a value comes from, as an edge source; undefined for initializers and folded constants. */
function sourceOf(value: string, s: EdgeSources): { readonly id: string; readonly slot: number } | undefined {
  const producer = s.index.producer.get(value);
  if (producer !== undefined) {
    const id = s.ids.get(producer);
    if (id === undefined || s.hidden.has(producer)) return undefined;
    return { id, slot: producer.outputs.indexOf(value) };
  }
  return s.realInputs.has(value) ? { id: inputPortId(value), slot: 0 } : undefined;
}

function edge(source: { readonly id: string; readonly slot: number }, target: string, targetSlot: number, value: string, s: EdgeSources): GraphViewEdge {
  const { dtype, shape } = s.types.of(value);
  return {
    id: `${source.id}:${String(source.slot)}->${target}:${String(targetSlot)}`,
    source: source.id,
    sourceSlot: source.slot,
    target,
    targetSlot,
    value,
    dtype,
    shape,
  };
}

/** Every edge of the view, in graph order, then the graph outputs. */
export function buildEdges(s: EdgeSources): GraphViewEdge[] {
  const out: GraphViewEdge[] = [];
  for (const node of s.graph.nodes) {
    const target = s.ids.get(node);
    if (target === undefined || s.hidden.has(node)) continue;
    node.inputs.forEach((value, slot) => {
      if (value === '') return;
      const source = sourceOf(value, s);
      if (source !== undefined) out.push(edge(source, target, slot, value, s));
    });
  }
  const seen = new Set<string>();
  for (const o of s.graph.outputs) {
    if (seen.has(o.name)) continue;
    seen.add(o.name);
    const source = sourceOf(o.name, s);
    if (source !== undefined) out.push(edge(source, outputPortId(o.name), 0, o.name, s));
  }
  return out;
}
