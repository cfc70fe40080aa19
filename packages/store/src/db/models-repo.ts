import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { ProjectScopedReads } from './project-scoped-reads.ts';

/** @public */
export type ModelStatus = 'validating' | 'ready' | 'failed';

/**
 * An uploaded model. It is `validating` until the child-process check passes (`ready`) or fails (`failed`,
 * with a stable error code).
 * @public
 */
export interface Model {
  readonly id: string;
  readonly projectId: string;
  readonly displayName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly artifactKey: string;
  readonly status: ModelStatus;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** The analyze job's JSON (inspect report, graph view, groups), once ready. */
  readonly analysisKey: string | null;
  readonly createdAt: number;
}

interface ModelRow {
  id: string;
  project_id: string;
  display_name: string;
  sha256: string;
  size_bytes: number;
  artifact_key: string;
  status: ModelStatus;
  error_code: string | null;
  error_message: string | null;
  analysis_key: string | null;
  created_at: number;
}

const NAMES = ['id', 'project_id', 'display_name', 'sha256', 'size_bytes', 'artifact_key', 'status', 'error_code', 'error_message', 'analysis_key', 'created_at'] as const;
/** Qualified, for queries that join `projects`. */
const COLUMNS = NAMES.map((name) => `m.${name}`).join(', ');
/** Unqualified, for `RETURNING` (SQLite does not accept a table alias there). */
const RETURNED = NAMES.join(', ');

function toModel(row: ModelRow): Model {
  return {
    id: row.id,
    projectId: row.project_id,
    displayName: row.display_name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    artifactKey: row.artifact_key,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    analysisKey: row.analysis_key,
    createdAt: row.created_at,
  };
}

/** Input of {@link ModelsRepo.create}. @public */
export interface NewModel {
  readonly projectId: string;
  readonly displayName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly artifactKey: string;
}

/**
 * Uploaded models.
 * @public
 */
export class ModelsRepo {
  readonly #reads: ProjectScopedReads<ModelRow, Model>;

  constructor(private readonly db: Db) {
    this.#reads = new ProjectScopedReads(db, { table: 'models', alias: 'm', columns: COLUMNS, toValue: toModel, listOrder: 'm.created_at, m.id' });
  }

  /** The model by id, without an owner check (workers). */
  get(id: string): Promise<Model | undefined> {
    return this.#reads.get(id);
  }

  /** The model when its project belongs to `ownerId`; otherwise `undefined` (the API answers 404). */
  getForOwner(id: string, ownerId: string): Promise<Model | undefined> {
    return this.#reads.getForOwner(id, ownerId);
  }

  /** The project's models, oldest first. Callers check project ownership first. */
  listForProject(projectId: string): Promise<Model[]> {
    return this.#reads.listForProject(projectId);
  }

  /** Records a stored upload as `validating`. */
  async create(input: NewModel): Promise<Model> {
    const row = await this.db.one<ModelRow>(
      `INSERT INTO models (id, project_id, display_name, sha256, size_bytes, artifact_key, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'validating', $7) RETURNING ${RETURNED}`,
      [randomUUID(), input.projectId, input.displayName, input.sha256, input.sizeBytes, input.artifactKey, Date.now()],
    );
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return toModel(row);
  }

  /**
   * `validating` → `ready`, recording the analysis artifact. False when the model was not validating (a duplicate
   * delivery lost the race).
   */
  async markReady(id: string, output: { readonly analysisKey?: string } = {}): Promise<boolean> {
    const changed = await this.db.exec(
      "UPDATE models SET status = 'ready', analysis_key = $2 WHERE id = $1 AND status = 'validating'",
      [id, output.analysisKey ?? null],
    );
    return changed === 1;
  }

  /** `validating` → `failed` with a stable code. False when the model was not validating. */
  async markFailed(id: string, error: { readonly code: string; readonly message: string }): Promise<boolean> {
    const changed = await this.db.exec(
      "UPDATE models SET status = 'failed', error_code = $2, error_message = $3 WHERE id = $1 AND status = 'validating'",
      [id, error.code, error.message],
    );
    return changed === 1;
  }
}
