/**
 * Prune plans (JSON, version 1): which channels and residual blocks to remove from a model. Validated here at every
 * process boundary (CLI `--plan`, API bodies, job payloads); the engine's `resolvePlan` turns a plan into explicit
 * removals. `test/types.test.ts` proves `z.infer<typeof prunePlanSchema>` equals the engine's `PrunePlan`.
 */
import { z } from 'zod';

/** The criteria a plan may name (the engine's `PRUNE_CRITERIA`; `taylor` arrives with W6). @public */
export const pruneCriterionSchema = z.enum(['l1', 'l2', 'bn', 'activation', 'random']);

/** A fraction of channels to remove: 0 ≤ r < 1 (a group always keeps a channel). @public */
export const pruneRatioSchema = z.number().min(0).lt(1);

/** Explicit removals for one group: indices into the group's channel classes. @public */
export const planGroupEntrySchema = z
  .strictObject({
    /** `DependencyGroup.id` (`value:axis`), as `whittle groups` lists it. */
    group: z.string().min(1),
    remove: z.array(z.number().int().nonnegative()).readonly(),
  })
  .readonly();

/** The model a plan was made for. @public */
export const planModelSchema = z.strictObject({ fingerprint: z.string().regex(/^fnv1a64:[0-9a-f]{16}$/) }).readonly();

const MODES = ['groups', 'layerRatios', 'ratio'] as const;

/**
 * A prune plan. Exactly one of `groups`, `layerRatios` or `ratio` says what to remove; unknown keys are refused, so
 * a misspelt option fails loudly instead of being ignored.
 * @public
 */
export const prunePlanSchema = z
  .strictObject({
    version: z.literal(1),
    model: planModelSchema.exactOptional(),
    criterion: pruneCriterionSchema.exactOptional(),
    seed: z.number().int().exactOptional(),
    roundTo: z.number().int().positive().exactOptional(),
    /** Node labels left exactly as they are. */
    protect: z.array(z.string().min(1)).readonly().exactOptional(),
    /** Residual block ids (`block:<Add label>`) to remove whole. */
    dropBlocks: z.array(z.string().min(1)).readonly().exactOptional(),
    groups: z.array(planGroupEntrySchema).readonly().exactOptional(),
    /** Group id or root node label → ratio. */
    layerRatios: z.record(z.string().min(1), pruneRatioSchema).readonly().exactOptional(),
    ratio: pruneRatioSchema.exactOptional(),
    global: z.boolean().exactOptional(),
  })
  .superRefine((plan, ctx) => {
    const present = MODES.filter((m) => plan[m] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `A plan needs exactly one of groups, layerRatios or ratio; found ${present.length === 0 ? 'none' : present.join(' and ')}.`,
      });
    }
    if (plan.global !== undefined && plan.ratio === undefined) {
      ctx.addIssue({ code: 'custom', path: ['global'], message: '"global" applies only with "ratio".' });
    }
  })
  .readonly();

/** @public */
export type PrunePlanDocument = z.infer<typeof prunePlanSchema>;
