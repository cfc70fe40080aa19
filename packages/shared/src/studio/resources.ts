/** API DTOs of the studio's resources: projects, models, variants, datasets, tokens and the browser session. */
import { z } from 'zod';
import { graphViewSchema } from '../graph-view.ts';
import { inspectReportSchema } from '../inspect-report.ts';
import { groupsReportSchema } from '../prune-reports.ts';
import { epochMsSchema, idSchema, sha256Schema } from './ids.ts';

/** A display name: trimmed, 1–200 characters, no control characters. Never used in a storage path. @public */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'must not contain control or format characters');

/** @public */
export const projectDtoSchema = z.object({ id: idSchema, name: z.string(), createdAt: epochMsSchema }).readonly();
/** @public */
export type ProjectDto = z.infer<typeof projectDtoSchema>;

/** `POST /api/projects`. @public */
export const createProjectBodySchema = z.strictObject({ name: displayNameSchema });

/** @public */
export const modelStatusSchema = z.enum(['validating', 'ready', 'failed']);

/**
 * An uploaded model. `validating` until the analyze job has checked it in a sandbox; `failed` carries the reason.
 * @public
 */
export const modelDtoSchema = z
  .object({
    id: idSchema,
    projectId: idSchema,
    name: z.string(),
    sha256: sha256Schema,
    sizeBytes: z.number().int().nonnegative(),
    status: modelStatusSchema,
    error: z.object({ code: z.string(), message: z.string() }).readonly().nullable(),
    /** The variant standing for the model as uploaded (source of jobs); null until ready. */
    originalVariantId: idSchema.nullable(),
    createdAt: epochMsSchema,
  })
  .readonly();
/** @public */
export type ModelDto = z.infer<typeof modelDtoSchema>;

/**
 * What the analyze job computes once per model, stored as a JSON artifact and served by the graph and groups
 * endpoints: `whittle inspect --json`, the graph-view DTO and `whittle groups --json`.
 * @public
 */
export const modelAnalysisSchema = z
  .object({ inspect: inspectReportSchema, graph: graphViewSchema, groups: groupsReportSchema })
  .readonly();
/** @public */
export type ModelAnalysis = z.infer<typeof modelAnalysisSchema>;

/** @public */
export const variantStatusSchema = z.enum(['building', 'ready', 'failed']);

/**
 * Static and measured figures of a variant. Estimates and measurements are named apart so the UI can label them.
 * @public
 */
export const variantMetricsSchema = z
  .object({
    /** Static estimates from the graph. */
    params: z.number().int().nonnegative(),
    /** Null when symbolic input dims leave MACs unknown. */
    macs: z.number().int().nonnegative().nullable(),
    weightBytes: z.number().int().nonnegative(),
    /** Measured: the ONNX file's size. */
    fileBytes: z.number().int().nonnegative(),
    estimated: z.array(z.string()).readonly(),
    measured: z.array(z.string()).readonly(),
  })
  .readonly();
/** @public */
export type VariantMetrics = z.infer<typeof variantMetricsSchema>;

/** A model version with its lineage. Step 0 with no parent is the model as uploaded. @public */
export const variantDtoSchema = z
  .object({
    id: idSchema,
    projectId: idSchema,
    modelId: idSchema,
    parentVariantId: idSchema.nullable(),
    jobId: idSchema.nullable(),
    /** Position in the recipe that made it (0: the original). */
    step: z.number().int().nonnegative(),
    /** The step (or whole recipe) that produced it, as submitted. */
    recipe: z.unknown(),
    datasetSha256: sha256Schema.nullable(),
    engineVersion: z.string(),
    metrics: variantMetricsSchema,
    /** The producing step's full report (the prune report for prune steps), or null for the original. */
    report: z.unknown(),
    sha256: sha256Schema.nullable(),
    status: variantStatusSchema,
    createdAt: epochMsSchema,
  })
  .readonly();
/** @public */
export type VariantDto = z.infer<typeof variantDtoSchema>;

/** A dataset: until W6 defines formats, a set of `.npy` input tensors (one per model input, first axis = batch). @public */
export const datasetDtoSchema = z
  .object({ id: idSchema, projectId: idSchema, name: z.string(), kind: z.string(), sha256: sha256Schema, createdAt: epochMsSchema })
  .readonly();
/** @public */
export type DatasetDto = z.infer<typeof datasetDtoSchema>;

/** @public */
export const userDtoSchema = z.object({ id: idSchema, name: z.string(), isAdmin: z.boolean() }).readonly();

/** `GET /api/session`: who the caller is and how they are signed in. @public */
export const sessionDtoSchema = z
  .object({ user: userDtoSchema, via: z.enum(['token', 'session', 'loopback']) })
  .readonly();

/** `POST /api/session`: exchange an API token for a browser session cookie. @public */
export const signInBodySchema = z.strictObject({ token: z.string().min(1).max(200) });

/** `POST /api/tokens`. @public */
export const createTokenBodySchema = z.strictObject({ label: displayNameSchema });

/** A token as listed (never the secret). @public */
export const tokenDtoSchema = z
  .object({ id: idSchema, label: z.string(), createdAt: epochMsSchema, revokedAt: epochMsSchema.nullable() })
  .readonly();

/** The answer to `POST /api/tokens`: the secret, shown this once. @public */
export const issuedTokenDtoSchema = z.object({ id: idSchema, label: z.string(), token: z.string() }).readonly();
