/**
 * Jobs: kinds, parameters (validated at the API and again in the worker), recipes, the job DTO and its log lines.
 * Unknown keys are refused everywhere (a misspelt option fails loudly, catalogue a.1 row 17).
 */
import { z } from 'zod';
import { prunePlanSchema } from '../prune-plan.ts';
import { benchmarkSettingsObject, checkRunBounds, inputShapesSchema } from './benchmark.ts';
import { epochMsSchema, idSchema } from './ids.ts';

/** Every job kind of DESIGN.md §5. @public */
export const ALL_JOB_KINDS = [
  'analyze',
  'prune',
  'sparsify',
  'decompose',
  'quantize',
  'repair',
  'finetune',
  'evaluate',
  'benchmark',
  'sensitivity',
  'search',
  'recipe',
] as const;

/** @public */
export type AnyJobKind = (typeof ALL_JOB_KINDS)[number];

/** The kinds this release runs (each has a queue and a processor). The others arrive with their engine issues. @public */
export const JOB_KINDS = ['analyze', 'prune', 'benchmark', 'recipe'] as const;

/** @public */
export const jobKindSchema = z.enum(JOB_KINDS);

/** @public */
export type JobKind = z.infer<typeof jobKindSchema>;

/** @public */
export const jobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);

/** @public */
export type JobStatus = z.infer<typeof jobStatusSchema>;

/** Terminal states: set once (compare-and-set), never left. Retry moves failed/cancelled back to queued. @public */
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Prune one variant with a plan (W2). @public */
export const pruneStepSchema = z.strictObject({
  kind: z.literal('prune'),
  plan: prunePlanSchema,
  /** Fold each BatchNormalization into the Conv/Gemm before it. */
  foldBatchNorm: z.boolean().default(false),
  /** Concrete shapes for symbolic input dims (MACs and the onnxruntime check). */
  inputShapes: inputShapesSchema.exactOptional(),
});

/** Measure a variant with onnxruntime-node on the worker's hardware. @public */
export const benchmarkStepSchema = checkRunBounds(benchmarkSettingsObject.extend({ kind: z.literal('benchmark') }));

/**
 * One recipe step. Transforming steps (prune; W5–W7 add theirs) produce a new variant whose parent is the previous
 * step's variant; measuring steps (benchmark) attach results to the current variant. To add a step kind: its schema
 * here, a pipeline function, a processor entry.
 * @public
 */
export const recipeStepSchema = z.union([pruneStepSchema, benchmarkStepSchema]);

/** @public */
export type RecipeStep = z.output<typeof recipeStepSchema>;

/** A recipe: a JSON list of steps, run as one job that produces a variant per transforming step. @public */
export const recipeSchema = z.strictObject({
  version: z.literal(1),
  name: z.string().min(1).max(200).exactOptional(),
  steps: z.array(recipeStepSchema).min(1).max(32),
});

/** @public */
export type Recipe = z.output<typeof recipeSchema>;

/** Parameters of each job kind. Sources are always variants: every ready model has an "original" variant. @public */
export const jobParamsSchemas = {
  /** Validate an uploaded model in a sandbox and compute its inspect report, graph view and groups. */
  analyze: z.strictObject({ modelId: idSchema }),
  prune: z.strictObject({
    variantId: idSchema,
    plan: prunePlanSchema,
    foldBatchNorm: z.boolean().default(false),
    inputShapes: inputShapesSchema.exactOptional(),
  }),
  benchmark: checkRunBounds(benchmarkSettingsObject.extend({ variantId: idSchema })),
  recipe: z.strictObject({ variantId: idSchema, recipe: recipeSchema }),
} as const satisfies Record<JobKind, z.ZodType>;

/** @public */
export type JobParams<K extends JobKind> = z.output<(typeof jobParamsSchemas)[K]>;

const idempotencyKeySchema = z.string().min(1).max(200);

/**
 * `POST /api/projects/:projectId/jobs`. `analyze` is created by the server on upload, not by clients. The same
 * `idempotencyKey` in a project returns the first job (double click, client retry; catalogue a.1 row 18).
 * @public
 */
export const createJobBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('prune'), params: jobParamsSchemas.prune, idempotencyKey: idempotencyKeySchema.exactOptional() }),
  z.strictObject({ kind: z.literal('benchmark'), params: jobParamsSchemas.benchmark, idempotencyKey: idempotencyKeySchema.exactOptional() }),
  z.strictObject({ kind: z.literal('recipe'), params: jobParamsSchemas.recipe, idempotencyKey: idempotencyKeySchema.exactOptional() }),
]);

/** @public */
export type CreateJobBody = z.output<typeof createJobBodySchema>;

/** A job as the API returns it. `result` is the processor's JSON (variant ids, benchmark ids); `error` when failed. @public */
export const jobDtoSchema = z
  .object({
    id: idSchema,
    projectId: idSchema,
    kind: jobKindSchema,
    status: jobStatusSchema,
    attempt: z.number().int().nonnegative(),
    progress: z.number().min(0).max(1),
    params: z.unknown(),
    result: z.unknown().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).readonly().nullable(),
    createdAt: epochMsSchema,
    startedAt: epochMsSchema.nullable(),
    finishedAt: epochMsSchema.nullable(),
  })
  .readonly();

/** @public */
export type JobDto = z.infer<typeof jobDtoSchema>;

/** @public */
export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);

/** One job log line; `seq` is 1, 2, 3… per job (the SSE resume point). @public */
export const jobLogDtoSchema = z
  .object({ seq: z.number().int().positive(), at: epochMsSchema, level: logLevelSchema, message: z.string() })
  .readonly();

/** @public */
export type JobLogDto = z.infer<typeof jobLogDtoSchema>;

/**
 * Server-Sent Events of `GET /api/jobs/:id/events`: `event: job` carries a JobDto whenever status, attempt or progress
 * changes; `event: log` a JobLogDto (the SSE `id` is its seq, so `Last-Event-ID` resumes); `event: end` after the
 * terminal state and its last logs.
 * @public
 */
export const JOB_EVENT_NAMES = ['job', 'log', 'end'] as const;

/** What the processors return (`jobs.result_json`). @public */
export const jobResultSchema = z
  .object({
    /** Variants this job produced, in step order. */
    variantIds: z.array(idSchema).readonly().default([]),
    /** Benchmarks this job stored. */
    benchmarkIds: z.array(idSchema).readonly().default([]),
  })
  .readonly();

/** @public */
export type JobResult = z.output<typeof jobResultSchema>;
