/**
 * The outputs of `whittle groups --json` and `whittle prune --json`. The CLI validates each document against these
 * schemas before printing it. Params, MACs and bytes are static ESTIMATES from the graph (the documents list which
 * fields are estimates); file sizes and the runtime check are measured.
 */
import { z } from 'zod';
import { countSchema, shapeSchema } from './dim.ts';
import { prunePlanSchema } from './prune-plan.ts';

/** One place a group's channels live: a node's output or input value, or a weight the node reads. @public */
export const groupMemberRowSchema = z
  .object({
    /** Node label ('' for a graph input). */
    node: z.string(),
    side: z.enum(['in', 'out', 'param']),
    /** Value name (a weight's name for `param`). */
    value: z.string(),
    axis: countSchema,
  })
  .readonly();

/**
 * Weight-only importance of a prunable group's channel classes: what the `l1` criterion ranks by (Σ|w| over every
 * weight slice a channel owns), divided by the group's largest score so the top channel is 1 (all 0 when every weight
 * is 0). Plans remove the lowest first, ties by index, per part. @public
 */
export const channelImportanceSchema = z
  .object({
    criterion: z.literal('l1'),
    /** One score per channel class, in [0, 1]. */
    scores: z.array(z.number().min(0).max(1)).readonly(),
    /**
     * Channel indices per source layer when a Concat merges several (ratios apply per part, as in plans); absent
     * when the group is one part.
     */
    parts: z.array(z.array(countSchema).readonly()).readonly().exactOptional(),
  })
  .readonly();

/** @public */
export type ChannelImportance = z.infer<typeof channelImportanceSchema>;

/** One dependency group as `whittle groups` lists it. @public */
export const groupRowSchema = z
  .object({
    /** `value:axis` of the group's first source: the id plans use. */
    id: z.string(),
    /** The node that owns the first source (the layer a user thinks of). */
    root: z.string(),
    /** Prunable units (channel classes; a head for attention) when prunable, else the size of the id's dim. */
    channels: countSchema,
    prunable: z.boolean(),
    /** Why the group cannot be pruned (distinct reasons); empty when prunable. */
    blockedBy: z.array(z.string()).readonly(),
    members: z.array(groupMemberRowSchema).readonly(),
    /** Labels of the nodes pruning the group changes. */
    nodes: z.array(z.string()).readonly(),
    /** Per-channel weight importance; prunable groups only (absent in reports written before it existed). */
    importance: channelImportanceSchema.exactOptional(),
  })
  .readonly();

/** A residual block y = x + f(x) whose body f can be removed whole. @public */
export const blockRowSchema = z
  .object({
    id: z.string(),
    add: z.string(),
    entry: z.string(),
    nodes: z.array(z.string()).readonly(),
    /** Estimated parameters and MACs of the body (MACs null when shapes are symbolic). */
    params: countSchema,
    macs: countSchema.nullable(),
  })
  .readonly();

/** `whittle groups --json`. @public */
export const groupsReportSchema = z
  .object({
    file: z.string(),
    fingerprint: z.string(),
    inputShapes: z.record(z.string(), shapeSchema).readonly(),
    summary: z.object({ groups: countSchema, prunable: countSchema, blocked: countSchema, blocks: countSchema }).readonly(),
    groups: z.array(groupRowSchema).readonly(),
    blocks: z.array(blockRowSchema).readonly(),
    notes: z.array(z.string()).readonly(),
  })
  .readonly();

/** @public */
export type GroupsReport = z.infer<typeof groupsReportSchema>;

/** The seeded onnxruntime run of the pruned model, before it was written (measured). @public */
export const pruneVerificationSchema = z
  .object({
    runtime: z.string(),
    /** Input name → dims fed (seeded values). */
    inputs: z.record(z.string(), z.array(countSchema).readonly()).readonly(),
    /** Output name → dims, equal for the original and the pruned model. */
    outputs: z.record(z.string(), z.array(countSchema).readonly()).readonly(),
    finite: z.boolean(),
  })
  .readonly();

/** `whittle prune --json`. @public */
export const pruneCommandReportSchema = z
  .object({
    file: z.string(),
    output: z.string(),
    fingerprintBefore: z.string(),
    fingerprintAfter: z.string(),
    paramsBefore: countSchema,
    paramsAfter: countSchema,
    /** Null when symbolic input dims leave MACs unknown (give --input-shape). */
    macsBefore: countSchema.nullable(),
    macsAfter: countSchema.nullable(),
    /** Bytes of all constant tensors. */
    bytesBefore: countSchema,
    bytesAfter: countSchema,
    /** Sizes of the model files (measured). */
    fileBytesBefore: countSchema,
    fileBytesAfter: countSchema,
    groupsPruned: countSchema,
    channelsRemoved: countSchema,
    blocksDropped: z.array(z.string()).readonly(),
    foldedBatchNorms: countSchema,
    groups: z.array(z.object({ id: z.string(), channelsBefore: countSchema, channelsAfter: countSchema }).readonly()).readonly(),
    nodesTouched: z.array(z.string()).readonly(),
    /** Names of the fields above that are static estimates. */
    estimated: z.array(z.string()).readonly(),
    /** Names of the fields above that are measured. */
    measured: z.array(z.string()).readonly(),
    verification: pruneVerificationSchema,
    /** The resolved explicit plan (replay it with --plan). */
    plan: prunePlanSchema,
    notes: z.array(z.string()).readonly(),
  })
  .readonly();

/** @public */
export type PruneCommandReport = z.infer<typeof pruneCommandReportSchema>;
