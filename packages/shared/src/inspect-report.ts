/**
 * The output of `whittle inspect --json`: model facts and static cost estimates. The CLI validates its output
 * against this schema before printing it.
 */
import { z } from 'zod';
import { countRecordSchema, countSchema, shapeSchema } from './dim.ts';
import { graphViewActivationSchema, shapeIssueSchema } from './graph-view.ts';

/** A graph input or output as `inspect` reports it. @public */
export const inspectValueSchema = z
  .object({
    name: z.string(),
    /** dtype name (`float32`); null when the file does not say and inference could not tell. */
    dtype: z.string().nullable(),
    /** Symbolic dims as strings; null when the rank is unknown. */
    shape: shapeSchema.nullable(),
  })
  .readonly();

/** A node whose cost could not be counted, and why. @public */
export const inspectCostNoteSchema = z.object({ node: z.string(), opType: z.string(), reason: z.string() }).readonly();

/**
 * `whittle inspect --json`. Params, MACs, other ops and activation sizes are ESTIMATES from the static graph.
 * @public
 */
export const inspectReportSchema = z
  .object({
    /** The model file's base name (never a full host path). */
    file: z.string(),
    /** Size of the model file itself. */
    sizeBytes: countSchema,
    /** External-data files the model reads (plain names next to the model); empty when all weights are inline. */
    externalDataFiles: z.array(z.string()).readonly(),
    irVersion: countSchema,
    /** Domain → opset version; the default domain is keyed `ai.onnx`. */
    opsets: countRecordSchema,
    producer: z.object({ name: z.string(), version: z.string() }).readonly(),
    graphName: z.string(),
    nodeCount: countSchema,
    /** opType → nodes (`<domain>::<opType>` outside the default domain); sums to `nodeCount`. */
    opCounts: countRecordSchema,
    initializerCount: countSchema,
    /** Parameter elements (floating-point and low-bit integer constants; see the engine's `CostReport`). */
    params: countSchema,
    paramBytes: countSchema,
    paramBytesByDtype: countRecordSchema,
    /** Total multiply-accumulates; null when some node could not be counted (see `costNotes`). */
    macs: countSchema.nullable(),
    /** MACs of the nodes that could be counted (a lower bound when `macs` is null). */
    macsKnown: countSchema,
    /** Nodes whose MACs are unknown. */
    macsUnknownNodes: countSchema,
    /** Other arithmetic (elementwise, normalization, pooling) in elements; null when some node is unknown. */
    otherOps: countSchema.nullable(),
    inputs: z.array(inspectValueSchema).readonly(),
    outputs: z.array(inspectValueSchema).readonly(),
    /** The `--input-shape` overrides the figures were computed with. */
    inputShapes: z.record(z.string(), shapeSchema).readonly(),
    largestActivation: graphViewActivationSchema.nullable(),
    shapeIssues: z.array(shapeIssueSchema).readonly(),
    /** The first nodes whose cost is unknown (at most 20), with the reason. */
    costNotes: z.array(inspectCostNoteSchema).readonly(),
    /** Human-readable remarks: what the figures mean and how to complete them. */
    notes: z.array(z.string()).readonly(),
  })
  .readonly();

/** @public */
export type InspectReport = z.infer<typeof inspectReportSchema>;
