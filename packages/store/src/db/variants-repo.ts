import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { ProjectScopedReads } from './project-scoped-reads.ts';
import { fromJson, fromJsonOrNull, toJson } from './json.ts';

/** @public */
export type VariantStatus = 'building' | 'ready' | 'failed';

/**
 * A model produced by one step of a job, with its lineage: source model, parent variant, step, recipe,
 * dataset hash and engine version. `artifactKey`/`sha256` are set when it becomes `ready`, never before.
 * @public
 */
export interface Variant {
  readonly id: string;
  readonly projectId: string;
  readonly modelId: string;
  readonly parentVariantId: string | null;
  readonly jobId: string | null;
  /** Position of the producing step in its recipe (0 for a single-step job). */
  readonly step: number;
  readonly recipe: unknown;
  readonly datasetSha256: string | null;
  readonly engineVersion: string;
  readonly metrics: unknown;
  /** The producing step's full report (e.g. the prune report), or null. */
  readonly report: unknown;
  readonly artifactKey: string | null;
  readonly sha256: string | null;
  readonly status: VariantStatus;
  readonly createdAt: number;
}

interface VariantRow {
  id: string;
  project_id: string;
  model_id: string;
  parent_variant_id: string | null;
  job_id: string | null;
  step: number;
  recipe_json: string;
  dataset_sha256: string | null;
  engine_version: string;
  metrics_json: string;
  report_json: string | null;
  artifact_key: string | null;
  sha256: string | null;
  status: VariantStatus;
  created_at: number;
}

const NAMES = ['id', 'project_id', 'model_id', 'parent_variant_id', 'job_id', 'step', 'recipe_json', 'dataset_sha256', 'engine_version', 'metrics_json', 'report_json', 'artifact_key', 'sha256', 'status', 'created_at'] as const;
/** Qualified, for queries that join `projects`. */
const COLUMNS = NAMES.map((name) => `v.${name}`).join(', ');
/** Unqualified, for `RETURNING` (SQLite does not accept a table alias there). */
const RETURNED = NAMES.join(', ');

function toVariant(row: VariantRow): Variant {
  return {
    id: row.id,
    projectId: row.project_id,
    modelId: row.model_id,
    parentVariantId: row.parent_variant_id,
    jobId: row.job_id,
    step: row.step,
    recipe: fromJson(row.recipe_json, `variant ${row.id} recipe_json`),
    datasetSha256: row.dataset_sha256,
    engineVersion: row.engine_version,
    metrics: fromJson(row.metrics_json, `variant ${row.id} metrics_json`),
    report: fromJsonOrNull(row.report_json, `variant ${row.id} report_json`),
    artifactKey: row.artifact_key,
    sha256: row.sha256,
    status: row.status,
    createdAt: row.created_at,
  };
}

/** Input of {@link VariantsRepo.create}. @public */
export interface NewVariant {
  readonly projectId: string;
  readonly modelId: string;
  readonly parentVariantId?: string | null;
  /** The producing job; with `step` it makes creation idempotent across redeliveries. */
  readonly jobId?: string | null;
  readonly step: number;
  readonly recipe: unknown;
  readonly datasetSha256?: string | null;
  readonly engineVersion: string;
  readonly metrics?: unknown;
}

/**
 * Variants and their lineage.
 * @public
 */
export class VariantsRepo {
  readonly #reads: ProjectScopedReads<VariantRow, Variant>;

  constructor(private readonly db: Db) {
    this.#reads = new ProjectScopedReads(db, { table: 'variants', alias: 'v', columns: COLUMNS, toValue: toVariant, listOrder: 'v.created_at, v.id' });
  }

  /** The variant by id, without an owner check (workers). */
  get(id: string): Promise<Variant | undefined> {
    return this.#reads.get(id);
  }

  /** The variant when its project belongs to `ownerId`; otherwise `undefined` (the API answers 404). */
  getForOwner(id: string, ownerId: string): Promise<Variant | undefined> {
    return this.#reads.getForOwner(id, ownerId);
  }

  /** The project's variants, oldest first. Callers check project ownership first. */
  listForProject(projectId: string): Promise<Variant[]> {
    return this.#reads.listForProject(projectId);
  }

  /** The model's variants, oldest first (the original, step 0 without a parent, comes first). */
  async listForModel(modelId: string): Promise<Variant[]> {
    const rows = await this.db.query<VariantRow>(`SELECT ${COLUMNS} FROM variants v WHERE v.model_id = $1 ORDER BY v.created_at, v.id`, [modelId]);
    return rows.map(toVariant);
  }

  /** The variant standing for the model as uploaded: step 0, no parent. */
  async originalOf(modelId: string): Promise<Variant | undefined> {
    const row = await this.db.one<VariantRow>(
      `SELECT ${COLUMNS} FROM variants v WHERE v.model_id = $1 AND v.step = 0 AND v.parent_variant_id IS NULL ORDER BY v.created_at, v.id LIMIT 1`,
      [modelId],
    );
    return row === undefined ? undefined : toVariant(row);
  }

  /**
   * Records a `building` variant. For a given `(jobId, step)` only one row ever exists: a redelivered job gets
   * the row the first delivery created (`created: false`) instead of a duplicate.
   */
  async create(input: NewVariant): Promise<{ readonly variant: Variant; readonly created: boolean }> {
    const jobId = input.jobId ?? null;
    const inserted = await this.db.one<VariantRow>(
      `INSERT INTO variants (id, project_id, model_id, parent_variant_id, job_id, step, recipe_json, dataset_sha256,
         engine_version, metrics_json, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'building', $11)
       ON CONFLICT (job_id, step) DO NOTHING
       RETURNING ${RETURNED}`,
      [
        randomUUID(),
        input.projectId,
        input.modelId,
        input.parentVariantId ?? null,
        jobId,
        input.step,
        toJson(input.recipe, 'recipe'),
        input.datasetSha256 ?? null,
        input.engineVersion,
        toJson(input.metrics ?? {}, 'metrics'),
        Date.now(),
      ],
    );
    if (inserted !== undefined) return { variant: toVariant(inserted), created: true };
    const existing = await this.db.one<VariantRow>(`SELECT ${COLUMNS} FROM variants v WHERE v.job_id = $1 AND v.step = $2`, [
      jobId,
      input.step,
    ]);
    if (existing === undefined) throw new Error(`variant for job ${String(jobId)} step ${input.step} vanished after a conflict`);
    return { variant: toVariant(existing), created: false };
  }

  /**
   * `building` → `ready` once the artifact is completely stored. False when the variant was not building.
   */
  async markReady(
    id: string,
    output: { readonly artifactKey: string; readonly sha256: string; readonly metrics: unknown; readonly report?: unknown },
  ): Promise<boolean> {
    const report = output.report === undefined ? null : toJson(output.report, 'report');
    const changed = await this.db.exec(
      "UPDATE variants SET status = 'ready', artifact_key = $2, sha256 = $3, metrics_json = $4, report_json = $5 WHERE id = $1 AND status = 'building'",
      [id, output.artifactKey, output.sha256, toJson(output.metrics, 'metrics'), report],
    );
    return changed === 1;
  }

  /** `building` → `failed`. False when the variant was not building. */
  async markFailed(id: string): Promise<boolean> {
    return (await this.db.exec("UPDATE variants SET status = 'failed' WHERE id = $1 AND status = 'building'", [id])) === 1;
  }
}
