/** The report of a recipe run (`whittle recipe`'s `report.json`): per step, the prune report or the benchmark results. */
import { z } from 'zod';
import { benchmarkResultsSchema, pruneCommandReportSchema, variantMetricsSchema } from '@whittle/shared';

const stepNumberSchema = z.number().int().positive();

/** A transforming step: the model it wrote, its report and the new variant's metrics. @public */
export const recipePruneStepReportSchema = z
  .object({
    step: stepNumberSchema,
    kind: z.literal('prune'),
    /** File name of the model this step produced. */
    output: z.string(),
    report: pruneCommandReportSchema,
    metrics: variantMetricsSchema,
  })
  .readonly();

/** A measuring step: which model it measured, on which device, and the results. @public */
export const recipeBenchmarkStepReportSchema = z
  .object({
    step: stepNumberSchema,
    kind: z.literal('benchmark'),
    /** File name of the model measured (the input model or an earlier step's output). */
    model: z.string(),
    device: z.string(),
    results: benchmarkResultsSchema,
  })
  .readonly();

/** @public */
export const recipeRunReportSchema = z
  .object({
    /** The recipe's name, when it has one. */
    recipe: z.string().nullable(),
    /** The input model's file name. */
    file: z.string(),
    engineVersion: z.string(),
    steps: z.array(z.discriminatedUnion('kind', [recipePruneStepReportSchema, recipeBenchmarkStepReportSchema])).readonly(),
  })
  .readonly();

/** @public */
export type RecipeRunReport = z.infer<typeof recipeRunReportSchema>;

/** @public */
export type RecipeStepReport = RecipeRunReport['steps'][number];
