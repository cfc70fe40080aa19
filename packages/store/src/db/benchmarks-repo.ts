import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { fromJson, toJson } from './json.ts';

/**
 * Benchmark results of one variant on one device and runtime. `results` is the benchmark job's report
 * (percentiles, throughput, memory, thread counts), validated by its schema in `@whittle/shared`.
 * @public
 */
export interface Benchmark {
  readonly id: string;
  readonly variantId: string;
  readonly device: string;
  readonly runtime: string;
  readonly results: unknown;
  readonly createdAt: number;
}

interface BenchmarkRow {
  id: string;
  variant_id: string;
  device: string;
  runtime: string;
  results_json: string;
  created_at: number;
}

const COLUMNS = 'id, variant_id, device, runtime, results_json, created_at';

function toBenchmark(row: BenchmarkRow): Benchmark {
  return {
    id: row.id,
    variantId: row.variant_id,
    device: row.device,
    runtime: row.runtime,
    results: fromJson(row.results_json, `benchmark ${row.id} results_json`),
    createdAt: row.created_at,
  };
}

/**
 * Benchmark results per variant and device.
 * @public
 */
export class BenchmarksRepo {
  constructor(private readonly db: Db) {}

  /**
   * Stores results. With `jobId` and `step`, creation is idempotent: a redelivered job gets the row the first delivery
   * stored (`created: false`) instead of a duplicate. Browser results (no job) are always new rows.
   */
  async create(input: {
    readonly variantId: string;
    readonly device: string;
    readonly runtime: string;
    readonly results: unknown;
    readonly jobId?: string;
    readonly step?: number;
  }): Promise<Benchmark> {
    const row: BenchmarkRow = {
      id: randomUUID(),
      variant_id: input.variantId,
      device: input.device,
      runtime: input.runtime,
      results_json: toJson(input.results, 'benchmark results'),
      created_at: Date.now(),
    };
    const jobId = input.jobId ?? null;
    const step = input.jobId === undefined ? null : (input.step ?? 0);
    const changed = await this.db.exec(
      `INSERT INTO benchmarks (id, variant_id, device, runtime, results_json, created_at, job_id, step)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (job_id, step) DO NOTHING`,
      [row.id, row.variant_id, row.device, row.runtime, row.results_json, row.created_at, jobId, step],
    );
    if (changed === 1) return toBenchmark(row);
    const existing = await this.db.one<BenchmarkRow>(`SELECT ${COLUMNS} FROM benchmarks WHERE job_id = $1 AND step = $2`, [jobId, step]);
    if (existing === undefined) throw new Error(`benchmark for job ${String(jobId)} step ${String(step)} vanished after a conflict`);
    return toBenchmark(existing);
  }

  /** The benchmark by id, without an owner check. */
  async get(id: string): Promise<Benchmark | undefined> {
    const row = await this.db.one<BenchmarkRow>(`SELECT ${COLUMNS} FROM benchmarks WHERE id = $1`, [id]);
    return row === undefined ? undefined : toBenchmark(row);
  }

  /** Every benchmark of the project's variants, oldest first (the comparison view). Callers check ownership first. */
  async listForProject(projectId: string): Promise<Benchmark[]> {
    const rows = await this.db.query<BenchmarkRow>(
      `SELECT b.id, b.variant_id, b.device, b.runtime, b.results_json, b.created_at
         FROM benchmarks b JOIN variants v ON v.id = b.variant_id
        WHERE v.project_id = $1 ORDER BY b.created_at, b.id`,
      [projectId],
    );
    return rows.map(toBenchmark);
  }

  /** The variant's results, oldest first. Callers check ownership of the variant first. */
  async listForVariant(variantId: string): Promise<Benchmark[]> {
    const rows = await this.db.query<BenchmarkRow>(
      `SELECT ${COLUMNS} FROM benchmarks WHERE variant_id = $1 ORDER BY created_at, id`,
      [variantId],
    );
    return rows.map(toBenchmark);
  }
}
