/**
 * The graph-view DTO the engine's `toGraphView` builds and the web app draws (layout decisions on the engine's
 * `GraphView` type). Defined once here for validation at process boundaries; `test/types.test.ts` checks that
 * `z.infer<typeof graphViewSchema>` and the engine's `GraphView` are mutually assignable.
 */
import { z } from 'zod';
import { countRecordSchema, countSchema, shapeSchema } from './dim.ts';

/** @public */
export const graphViewCostSumSchema = z
  .object({ total: countSchema.nullable(), known: countSchema, unknownNodes: countSchema })
  .readonly();

/** @public */
export const graphViewSlotSchema = z
  .object({
    value: z.string(),
    dtype: z.string().nullable(),
    shape: shapeSchema.nullable(),
    constant: z.boolean(),
    parameter: z.boolean(),
  })
  .readonly();

/** @public */
export const graphViewAttributeSchema = z.object({ name: z.string(), type: z.string(), value: z.string() }).readonly();

/** @public */
export const graphViewNodeSchema = z
  .object({
    id: z.string().min(1),
    index: countSchema,
    name: z.string(),
    label: z.string(),
    opType: z.string(),
    domain: z.string(),
    scope: z.string(),
    blockId: z.string(),
    inputs: z.array(graphViewSlotSchema).readonly(),
    outputs: z.array(graphViewSlotSchema).readonly(),
    attributes: z.array(graphViewAttributeSchema).readonly(),
    params: countSchema,
    macs: countSchema.nullable(),
    otherOps: countSchema.nullable(),
    costNote: z.string().nullable(),
    weightHolder: z.boolean(),
    hidden: z.boolean(),
    subgraphCount: countSchema,
  })
  .readonly();

/** @public */
export const graphViewEdgeSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    sourceSlot: countSchema,
    target: z.string(),
    targetSlot: countSchema,
    value: z.string(),
    dtype: z.string().nullable(),
    shape: shapeSchema.nullable(),
  })
  .readonly();

/** @public */
export const graphViewPortSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    dtype: z.string().nullable(),
    shape: shapeSchema.nullable(),
    declaredShape: shapeSchema.nullable(),
  })
  .readonly();

/** @public */
export const graphViewBlockSchema = z
  .object({
    id: z.string(),
    path: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
    depth: countSchema,
    childBlockIds: z.array(z.string()).readonly(),
    nodeIds: z.array(z.string()).readonly(),
    nodeCount: countSchema,
    params: countSchema,
    macs: graphViewCostSumSchema,
    otherOps: graphViewCostSumSchema,
  })
  .readonly();

/** @public */
export const graphViewActivationSchema = z
  .object({ name: z.string(), dtype: z.string().nullable(), shape: shapeSchema.nullable(), bytes: countSchema })
  .readonly();

/** @public */
export const graphViewSummarySchema = z
  .object({
    graphName: z.string(),
    irVersion: countSchema,
    opsets: countRecordSchema,
    producer: z.object({ name: z.string(), version: z.string() }).readonly(),
    nodeCount: countSchema,
    visibleNodeCount: countSchema,
    edgeCount: countSchema,
    initializerCount: countSchema,
    opCounts: countRecordSchema,
    params: countSchema,
    paramBytes: countSchema,
    paramBytesByDtype: countRecordSchema,
    macs: graphViewCostSumSchema,
    otherOps: graphViewCostSumSchema,
    largestActivation: graphViewActivationSchema.nullable(),
  })
  .readonly();

/** What shape inference could not establish (the engine's `ShapeIssue`). @public */
export const shapeIssueSchema = z
  .object({
    node: z.string(),
    opType: z.string(),
    code: z.enum(['unknown-op', 'unknown-input', 'invalid-attribute', 'shape-mismatch', 'unsupported']),
    message: z.string(),
  })
  .readonly();

const graphViewShape = z.object({
  version: z.literal(1),
  summary: graphViewSummarySchema,
  inputs: z.array(graphViewPortSchema).readonly(),
  outputs: z.array(graphViewPortSchema).readonly(),
  nodes: z.array(graphViewNodeSchema).readonly(),
  edges: z.array(graphViewEdgeSchema).readonly(),
  blocks: z.array(graphViewBlockSchema).readonly(),
  shapeIssues: z.array(shapeIssueSchema).readonly(),
});

/** Ids unique across nodes, ports and blocks; every reference points at something that exists. */
function checkReferences(view: z.infer<typeof graphViewShape>, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  const claim = (id: string, path: (string | number)[]) => {
    if (ids.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate id '${id}'`, path });
    ids.add(id);
  };
  view.nodes.forEach((n, i) => { claim(n.id, ['nodes', i, 'id']); });
  view.inputs.forEach((p, i) => { claim(p.id, ['inputs', i, 'id']); });
  view.outputs.forEach((p, i) => { claim(p.id, ['outputs', i, 'id']); });
  view.blocks.forEach((b, i) => { claim(b.id, ['blocks', i, 'id']); });
  const known = (id: string | null, path: (string | number)[]) => {
    if (id !== null && !ids.has(id)) ctx.addIssue({ code: 'custom', message: `unknown id '${id}'`, path });
  };
  view.edges.forEach((e, i) => {
    known(e.source, ['edges', i, 'source']);
    known(e.target, ['edges', i, 'target']);
  });
  view.nodes.forEach((n, i) => { known(n.blockId, ['nodes', i, 'blockId']); });
  view.blocks.forEach((b, i) => {
    known(b.parentId, ['blocks', i, 'parentId']);
    b.nodeIds.forEach((id, j) => { known(id, ['blocks', i, 'nodeIds', j]); });
    b.childBlockIds.forEach((id, j) => { known(id, ['blocks', i, 'childBlockIds', j]); });
  });
}

/**
 * The whole graph-view DTO. Besides the structure, parsing checks that ids are unique across nodes, ports and
 * blocks and that every edge, block and node reference resolves.
 * @public
 */
export const graphViewSchema = graphViewShape.superRefine(checkReferences).readonly();

/** @public */
export type GraphViewDto = z.infer<typeof graphViewSchema>;
