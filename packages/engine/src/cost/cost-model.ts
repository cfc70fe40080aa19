/**
 * The static cost model: parameters, MACs, other arithmetic and activation memory of a model, per node and per name
 * scope. Every figure is an ESTIMATE from the static graph and the inferred shapes (see `CostReport`); user
 * interfaces must label it as such.
 */
import { isEngineError } from '../errors.ts';
import { nodeLabel, normalizeDomain, subgraphsOf } from '../ir/attributes.ts';
import { dataTypeName } from '../ir/dtype.ts';
import { indexGraph, type GraphIndex } from '../ir/graph-index.ts';
import type { IrModel, IrNode } from '../ir/types.ts';
import { opsetMap, type OpRegistry, type OpsetMap } from '../ops/registry.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import { activationsOf, largestOf } from './activations.ts';
import { uncounted } from './count.ts';
import { allParameters, graphLevelParameters, type ParameterTensor } from './parameters.ts';
import { defaultCostRegistry } from '../register-all.ts';
import { nodeScope } from './scope.ts';
import { scopeCosts, SumBuilder } from './scope-costs.ts';
import type { ComputeCostOptions, CostContext, CostHandler, CostReport, NodeCost, OpCount } from './types.ts';

interface Attribution {
  /** Parameter elements per node index. */
  readonly perNode: number[];
  /** Parameters that no node reads (an initializer nobody consumes). */
  readonly unattributed: number;
  readonly all: readonly ParameterTensor[];
}

/**
 * Each main-graph parameter goes to its first consumer (so that shared weights are counted once), or to the
 * `Constant` node that holds it when nothing reads it; subgraph parameters go to the node that owns the subgraph.
 */
function attributeParameters(model: IrModel, index: GraphIndex): Attribution {
  const { nodes } = model.graph;
  const position = new Map<IrNode, number>(nodes.map((n, i) => [n, i]));
  const perNode = nodes.map(() => 0);
  let unattributed = 0;
  const all = graphLevelParameters(model.graph, index);
  for (const p of all) {
    const owner = index.consumers.get(p.name)?.[0] ?? index.producer.get(p.name);
    const at = owner === undefined ? undefined : position.get(owner);
    if (at === undefined) unattributed += p.elements;
    else perNode[at] = (perNode[at] ?? 0) + p.elements;
  }
  nodes.forEach((node, i) => {
    for (const sub of subgraphsOf(node)) {
      const inner = allParameters(sub);
      all.push(...inner);
      perNode[i] = (perNode[i] ?? 0) + inner.reduce((s, p) => s + p.elements, 0);
    }
  });
  return { perNode, unattributed, all };
}

function countNode(node: IrNode, registry: OpRegistry<CostHandler>, opsets: OpsetMap, shapes: ShapeInferenceResult): OpCount {
  const handler = registry.resolve(node, opsets);
  if (handler === undefined) {
    const domain = normalizeDomain(node.domain);
    return uncounted(`no cost rule for ${node.opType} (${domain} v${String(opsets.get(domain) ?? '?')})`);
  }
  const info = (name: string | undefined) => (name === undefined || name === '' ? undefined : shapes.values.get(name));
  const ctx: CostContext = {
    node,
    input: (i) => info(node.inputs[i]),
    output: (i) => info(node.outputs[i]),
  };
  try {
    return handler.count(ctx);
  } catch (error) {
    // An invalid attribute is a fact about the model, not a bug here: the node is reported as not countable.
    if (isEngineError(error)) return uncounted(error.message);
    throw error;
  }
}

/**
 * Estimates the cost of `model` from its static graph and `shapes` (the result of `inferShapes`).
 *
 * Pre-conditions: `shapes` was inferred for this model (values absent from it count as unknown shapes).
 * Post-conditions: pure; `nodes` has one entry per main-graph node in graph order; a node whose figures cannot be
 * established has `macs`/`otherOps` undefined and a `reason`, and makes the totals' `total` undefined — nothing is
 * guessed. Parameters are counted by the rule on `CostReport`.
 *
 * MACs follow the thop / fvcore conventions (one MAC = one multiply-add; bias adds are other ops); the per-op
 * rules are listed by `costRuleTable()`.
 * @public
 */
export function computeCost(model: IrModel, shapes: ShapeInferenceResult, options: ComputeCostOptions = {}): CostReport {
  const registry = options.registry ?? defaultCostRegistry();
  const index = indexGraph(model.graph);
  const opsets = opsetMap(model.opsetImports);
  const attribution = attributeParameters(model, index);

  const macs = new SumBuilder();
  const otherOps = new SumBuilder();
  const nodes: NodeCost[] = model.graph.nodes.map((node, i) => {
    const count = countNode(node, registry, opsets, shapes);
    macs.add(count.macs);
    otherOps.add(count.otherOps);
    return {
      index: i,
      label: nodeLabel(node),
      opType: node.opType,
      scope: nodeScope(node.name),
      params: attribution.perNode[i] ?? 0,
      macs: count.macs,
      otherOps: count.otherOps,
      reason: count.reason,
    };
  });

  const paramBytesByDtype: Record<string, number> = {};
  const paramsByDtype: Record<string, number> = {};
  let params = 0;
  let paramBytes = 0;
  for (const p of attribution.all) {
    const dtype = dataTypeName(p.dtype);
    params += p.elements;
    paramBytes += p.bytes;
    paramsByDtype[dtype] = (paramsByDtype[dtype] ?? 0) + p.elements;
    paramBytesByDtype[dtype] = (paramBytesByDtype[dtype] ?? 0) + p.bytes;
  }

  const activations = activationsOf(model.graph, index, shapes);
  return {
    params,
    paramBytes,
    paramBytesByDtype,
    paramsByDtype,
    macs: macs.build(),
    otherOps: otherOps.build(),
    nodes,
    activations,
    largestActivation: largestOf(activations),
    scopes: scopeCosts(nodes, attribution.unattributed),
  };
}
