import { randomUUID } from 'node:crypto';
import type { Db, SqlValue } from './db.ts';
import { ProjectScopedReads } from './project-scoped-reads.ts';
import { fromJson, fromJsonOrNull, toJson } from './json.ts';

/** @public */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * A job row: the source of truth for job state (BullMQ only delivers). `id` is a UUID and doubles as the BullMQ
 * job id, so re-enqueueing is a no-op.
 * @public
 */
export interface Job {
  readonly id: string;
  readonly projectId: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly attempt: number;
  /** 0..1. */
  readonly progress: number;
  readonly result: unknown;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly idempotencyKey: string | null;
}

interface JobRow {
  id: string;
  project_id: string;
  kind: string;
  payload_json: string;
  status: JobStatus;
  attempt: number;
  progress: number;
  result_json: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  idempotency_key: string | null;
}

const NAMES = [
  'id',
  'project_id',
  'kind',
  'payload_json',
  'status',
  'attempt',
  'progress',
  'result_json',
  'error_code',
  'error_message',
  'created_at',
  'started_at',
  'finished_at',
  'idempotency_key',
] as const;
/** Qualified, for queries that join `projects`. */
const COLUMNS = NAMES.map((name) => `j.${name}`).join(', ');
/** Unqualified, for `RETURNING` (SQLite does not accept a table alias there). */
const RETURNED = NAMES.join(', ');

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    projectId: row.project_id,
    kind: row.kind,
    payload: fromJson(row.payload_json, `job ${row.id} payload_json`),
    status: row.status,
    attempt: row.attempt,
    progress: row.progress,
    result: fromJsonOrNull(row.result_json, `job ${row.id} result_json`),
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    idempotencyKey: row.idempotency_key,
  };
}

/** Input of {@link JobsRepo.create}. @public */
export interface NewJob {
  readonly projectId: string;
  readonly kind: string;
  readonly payload: unknown;
  /** Client-chosen key: a second create with the same key in the same project returns the first job. */
  readonly idempotencyKey?: string | null;
}

/**
 * A compare-and-set state change: it applies only when the row is in one of `from` (and, with `ifAttempt`, at
 * that attempt). BullMQ delivers at least once, so two deliveries of one job race for `queued → running` and a
 * stale attempt may try to finish a job a newer attempt owns; the loser sees `false` and stops.
 * @public
 */
export interface JobTransition {
  readonly from: readonly JobStatus[];
  readonly to: JobStatus;
  /** Attempt number to record (the delivery's attempt, when moving to `running`). */
  readonly attempt?: number;
  /** The row must currently be at this attempt. */
  readonly ifAttempt?: number;
  /** Stored when moving to `succeeded`. */
  readonly result?: unknown;
  /** Stored when moving to `failed` or `cancelled`. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** Builds `$n` placeholders while collecting their values. */
class Params {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Jobs and their state machine.
 * @public
 */
export class JobsRepo {
  readonly #reads: ProjectScopedReads<JobRow, Job>;

  constructor(private readonly db: Db) {
    this.#reads = new ProjectScopedReads(db, { table: 'jobs', alias: 'j', columns: COLUMNS, toValue: toJob, listOrder: 'j.created_at DESC, j.id' });
  }

  /** The job by id, without an owner check (workers). */
  get(id: string): Promise<Job | undefined> {
    return this.#reads.get(id);
  }

  /** The job when its project belongs to `ownerId`; otherwise `undefined` (the API answers 404). */
  getForOwner(id: string, ownerId: string): Promise<Job | undefined> {
    return this.#reads.getForOwner(id, ownerId);
  }

  /** The project's jobs, newest first, at most `limit`. Callers check project ownership first. */
  listForProject(projectId: string, limit = 100): Promise<Job[]> {
    return this.#reads.listForProject(projectId, limit);
  }

  /**
   * Creates a `queued` job. With an idempotency key already used in the project, returns that job instead
   * (`created: false`), whatever its payload.
   */
  async create(input: NewJob): Promise<{ readonly job: Job; readonly created: boolean }> {
    const key = input.idempotencyKey ?? null;
    const inserted = await this.db.one<JobRow>(
      `INSERT INTO jobs (id, project_id, kind, payload_json, status, attempt, progress, created_at, idempotency_key)
       VALUES ($1, $2, $3, $4, 'queued', 0, 0, $5, $6)
       ON CONFLICT (project_id, idempotency_key) DO NOTHING
       RETURNING ${RETURNED}`,
      [randomUUID(), input.projectId, input.kind, toJson(input.payload, 'job payload'), Date.now(), key],
    );
    if (inserted !== undefined) return { job: toJob(inserted), created: true };
    const existing = await this.db.one<JobRow>(
      `SELECT ${COLUMNS} FROM jobs j WHERE j.project_id = $1 AND j.idempotency_key = $2`,
      [input.projectId, key],
    );
    if (existing === undefined) throw new Error(`job with idempotency key ${String(key)} vanished after a conflict`);
    return { job: toJob(existing), created: false };
  }

  /** Every job in one of `statuses`, oldest first (the reconciler scans `queued` and `running`). */
  async listByStatus(statuses: readonly JobStatus[]): Promise<Job[]> {
    if (statuses.length === 0) return [];
    const params = new Params();
    const list = statuses.map((status) => params.add(status)).join(', ');
    const rows = await this.db.query<JobRow>(
      `SELECT ${COLUMNS} FROM jobs j WHERE j.status IN (${list}) ORDER BY j.created_at, j.id`,
      params.values,
    );
    return rows.map(toJob);
  }

  /**
   * Applies `change` atomically when the row matches its preconditions; returns whether it did. Timestamps,
   * progress, result and error follow the target state: `running` stamps `started_at` and clears the previous
   * outcome, `queued` (a retry) clears everything an attempt left, terminal states stamp `finished_at`.
   */
  async transition(id: string, change: JobTransition): Promise<boolean> {
    if (change.from.length === 0) return false;
    const params = new Params();
    const now = Date.now();
    const sets: string[] = [`status = ${params.add(change.to)}`];
    switch (change.to) {
      case 'queued': {
        sets.push('progress = 0', 'started_at = NULL', 'finished_at = NULL', 'result_json = NULL');
        sets.push('error_code = NULL', 'error_message = NULL');
        break;
      }
      case 'running': {
        sets.push('progress = 0', `started_at = ${params.add(now)}`, 'finished_at = NULL', 'result_json = NULL');
        sets.push('error_code = NULL', 'error_message = NULL');
        break;
      }
      case 'succeeded': {
        const result = change.result === undefined ? null : toJson(change.result, 'job result');
        sets.push('progress = 1', `finished_at = ${params.add(now)}`, `result_json = ${params.add(result)}`);
        break;
      }
      case 'failed':
      case 'cancelled': {
        sets.push(`finished_at = ${params.add(now)}`);
        sets.push(`error_code = ${params.add(change.error?.code ?? null)}`);
        sets.push(`error_message = ${params.add(change.error?.message ?? null)}`);
        break;
      }
    }
    if (change.attempt !== undefined) sets.push(`attempt = ${params.add(change.attempt)}`);
    const where = [`id = ${params.add(id)}`, `status IN (${change.from.map((status) => params.add(status)).join(', ')})`];
    if (change.ifAttempt !== undefined) where.push(`attempt = ${params.add(change.ifAttempt)}`);
    const changed = await this.db.exec(`UPDATE jobs SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, params.values);
    return changed === 1;
  }

  /**
   * Records progress of a running job. False when the job is no longer running (cancelled meanwhile) or, with
   * `attempt`, when another attempt owns it: the caller should stop.
   */
  async setProgress(id: string, progress: number, attempt?: number): Promise<boolean> {
    if (!(progress >= 0 && progress <= 1)) throw new RangeError(`progress ${progress} is outside 0..1`);
    const params: SqlValue[] = [progress, id];
    let sql = "UPDATE jobs SET progress = $1 WHERE id = $2 AND status = 'running'";
    if (attempt !== undefined) {
      params.push(attempt);
      sql += ' AND attempt = $3';
    }
    return (await this.db.exec(sql, params)) === 1;
  }
}
