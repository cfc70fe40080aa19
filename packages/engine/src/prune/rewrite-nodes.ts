/** Lets each touched node's prune handler rewrite size-bearing attributes and shape constants after a cut. */
import { dimKey } from '../groups/dim-ref.ts';
import type { PruneHandler, RewriteContext } from '../groups/types.ts';
import { nodeLabel, normalizeDomain } from '../ir/attributes.ts';
import { indexGraph } from '../ir/graph-index.ts';
import type { IrModel, IrNode, IrTensor } from '../ir/types.ts';
import { opsetMap, type OpRegistry } from '../ops/registry.ts';
import { defaultPruneRegistry } from '../register-all.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import type { DimCut } from './channel-cuts.ts';
import type { NameSource } from './unique-names.ts';

/**
 * Options of `rewriteNodes`: the prune registry whose `rewrite`s apply (default: the built-in one).
 * @internal
 */
export interface RewriteNodesOptions {
  readonly registry?: OpRegistry<PruneHandler>;
}

/**
 * Calls `rewrite` of the handler of every node whose label is in `labels`.
 *
 * Pre-conditions: `model`'s weights are already cut; `cuts` and `shapes` describe the model before the cut (the
 * handler sees the old sizes through `sizeBefore` and `shape`, the survivors through `kept`, constants as they are
 * after the cut).
 * Post-conditions: nodes a handler leaves alone are shared object for object; every `replaceConstantInput` becomes a
 * fresh initializer (named from `names`) wired into slot `slot` of the node `rewrite` returned (inputs are padded
 * with '' up to the slot, so a handler may add an optional input), so a shared shape constant is never edited for
 * its other readers. The input model is not modified.
 * @internal
 */
export function rewriteNodes(
  model: IrModel,
  labels: ReadonlySet<string>,
  cuts: ReadonlyMap<string, DimCut>,
  shapes: ShapeInferenceResult,
  names: NameSource,
  options: RewriteNodesOptions = {},
): IrModel {
  const registry = options.registry ?? defaultPruneRegistry();
  const opsets = opsetMap(model.opsetImports);
  const constants = indexGraph(model.graph).constants;
  const added: IrTensor[] = [];
  const nodes = model.graph.nodes.map((node): IrNode => {
    if (!labels.has(nodeLabel(node))) return node;
    const handler = registry.resolve(node, opsets);
    if (handler?.rewrite === undefined) return node;
    const replaced = new Map<number, string>();
    const ctx: RewriteContext = {
      node,
      opset: opsets.get(normalizeDomain(node.domain)) ?? 0,
      kept: (dim) => cuts.get(dimKey(dim))?.kept,
      sizeBefore: (dim) => {
        const cut = cuts.get(dimKey(dim));
        if (cut !== undefined) return cut.size;
        const d = shapes.values.get(dim.value)?.shape?.[dim.axis];
        return typeof d === 'number' ? d : undefined;
      },
      constant: (value) => constants.get(value),
      shape: (value) => shapes.values.get(value)?.shape,
      replaceConstantInput: (slot, tensor) => {
        const base = node.inputs[slot] ?? '';
        const name = names.fresh(`${base === '' ? nodeLabel(node) : base}_pruned`);
        added.push({ ...tensor, name });
        replaced.set(slot, name);
      },
    };
    const rewritten = handler.rewrite(ctx);
    if (replaced.size === 0) return rewritten;
    const length = Math.max(rewritten.inputs.length, ...[...replaced.keys()].map((slot) => slot + 1));
    return { ...rewritten, inputs: Array.from({ length }, (_, slot) => replaced.get(slot) ?? rewritten.inputs[slot] ?? '') };
  });
  if (added.length === 0 && nodes.every((n, i) => n === model.graph.nodes[i])) return model;
  return { ...model, graph: { ...model.graph, nodes, initializers: [...model.graph.initializers, ...added] } };
}
