/**
 * IR + shapes + cost → the graph-view DTO (layout decisions on `GraphView`). Pure; copies nothing large: tensors
 * appear only as dtype and shape.
 */
import { graphLevelParameters, isConstantNode } from '../cost/parameters.ts';
import type { CostReport } from '../cost/types.ts';
import { nodeLabel, normalizeDomain, subgraphsOf } from '../ir/attributes.ts';
import { dataTypeName } from '../ir/dtype.ts';
import { indexGraph, type GraphIndex } from '../ir/graph-index.ts';
import type { IrModel, IrNode } from '../ir/types.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';
import { summarizeAttribute } from './attribute-summary.ts';
import { blockId, buildBlocks, viewSum } from './blocks.ts';
import { buildEdges, inputPortId, outputPortId } from './edges.ts';
import {
  GRAPH_VIEW_VERSION,
  type GraphView,
  type GraphViewActivation,
  type GraphViewNode,
  type GraphViewPort,
  type GraphViewSlot,
} from './graph-view.ts';
import { assignNodeIds } from './node-ids.ts';
import { ValueTypes } from './value-types.ts';

/** A `Constant` whose outputs are all read by nodes and none is a graph output: folded into its consumers. */
function isFolded(node: IrNode, index: GraphIndex): boolean {
  if (!isConstantNode(node)) return false;
  const outs = node.outputs.filter((o) => o !== '');
  return outs.length > 0 && outs.every((o) => !index.graphOutputs.has(o) && (index.consumers.get(o)?.length ?? 0) > 0);
}

function opKeyOf(node: IrNode): string {
  const domain = normalizeDomain(node.domain);
  return domain === 'ai.onnx' ? node.opType : `${domain}::${node.opType}`;
}

function largestOf(cost: CostReport): GraphViewActivation | null {
  const a = cost.largestActivation;
  if (a?.bytes === undefined) return null;
  return {
    name: a.name,
    dtype: a.dtype === undefined ? null : dataTypeName(a.dtype),
    shape: a.shape === undefined ? null : [...a.shape],
    bytes: a.bytes,
  };
}

/**
 * Builds the graph-view DTO of the main graph.
 *
 * Pre-conditions: `shapes` and `cost` were computed for this `model` (`inferShapes`, then `computeCost`).
 * Post-conditions: ids are unique across nodes, ports and blocks; every edge's source and target is a node or port
 * id; `summary.opCounts` sums to `summary.nodeCount`; no tensor values appear anywhere.
 * @public
 */
export function toGraphView(model: IrModel, shapes: ShapeInferenceResult, cost: CostReport): GraphView {
  const { graph } = model;
  const index = indexGraph(graph);
  const types = new ValueTypes(graph, index, shapes);
  const parameters = new Set(graphLevelParameters(graph, index).map((p) => p.name));
  const sparse = new Set(graph.sparseInitializers.map((s) => s.values.name));

  const realInputs = graph.inputs.filter((v) => !index.constants.has(v.name) && !sparse.has(v.name));
  const inputs: GraphViewPort[] = realInputs.map((v) => ({ id: inputPortId(v.name), name: v.name, ...types.port(v) }));
  const outputs: GraphViewPort[] = [...new Map(graph.outputs.map((v) => [v.name, v])).values()].map((v) => ({
    id: outputPortId(v.name),
    name: v.name,
    ...types.port(v),
  }));

  const reserved = new Set([...inputs, ...outputs].map((p) => p.id));
  for (const s of cost.scopes) reserved.add(blockId(s.path));
  const ids = assignNodeIds(graph.nodes, reserved);
  const idOf = new Map<IrNode, string>(graph.nodes.map((n, i) => [n, ids[i] ?? '']));
  const hidden = new Set(graph.nodes.filter((n) => isFolded(n, index)));

  const slot = (value: string): GraphViewSlot => ({
    value,
    ...types.of(value),
    constant: index.constants.has(value) || sparse.has(value),
    parameter: parameters.has(value),
  });

  const nodes: GraphViewNode[] = graph.nodes.map((node, i) => {
    const c = cost.nodes[i];
    const scope = c?.scope ?? '/';
    return {
      id: ids[i] ?? '',
      index: i,
      name: node.name,
      label: nodeLabel(node),
      opType: node.opType,
      domain: normalizeDomain(node.domain),
      scope,
      blockId: blockId(scope),
      inputs: node.inputs.map(slot),
      outputs: node.outputs.map(slot),
      attributes: node.attributes.map((a) => ({ name: a.name, type: a.type, value: summarizeAttribute(a) })),
      params: c?.params ?? 0,
      macs: c?.macs ?? null,
      otherOps: c?.otherOps ?? null,
      costNote: c?.reason ?? null,
      weightHolder: isConstantNode(node) && node.outputs.some((o) => parameters.has(o)),
      hidden: hidden.has(node),
      subgraphCount: subgraphsOf(node).length,
    };
  });

  const edges = buildEdges({ graph, index, types, ids: idOf, hidden, realInputs: new Set(realInputs.map((v) => v.name)) });
  const opCounts = new Map<string, number>();
  for (const node of graph.nodes) opCounts.set(opKeyOf(node), (opCounts.get(opKeyOf(node)) ?? 0) + 1);

  return {
    version: GRAPH_VIEW_VERSION,
    summary: {
      graphName: graph.name,
      irVersion: model.irVersion,
      opsets: Object.fromEntries(model.opsetImports.map((o) => [normalizeDomain(o.domain), o.version])),
      producer: { name: model.producerName, version: model.producerVersion },
      nodeCount: graph.nodes.length,
      visibleNodeCount: graph.nodes.length - hidden.size,
      edgeCount: edges.length,
      initializerCount: graph.initializers.length + graph.sparseInitializers.length,
      opCounts: Object.fromEntries(opCounts),
      params: cost.params,
      paramBytes: cost.paramBytes,
      paramBytesByDtype: Object.fromEntries(Object.entries(cost.paramBytesByDtype)),
      macs: viewSum(cost.macs),
      otherOps: viewSum(cost.otherOps),
      largestActivation: largestOf(cost),
    },
    inputs,
    outputs,
    nodes,
    edges,
    blocks: buildBlocks(cost.scopes, ids),
    shapeIssues: shapes.issues.map((issue) => ({ ...issue })),
  };
}
