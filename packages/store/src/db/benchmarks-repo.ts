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

  async create(input: {
    readonly variantId: string;
    readonly device: string;
    readonly runtime: string;
    readonly results: unknown;
  }): Promise<Benchmark> {
    const row: BenchmarkRow = {
      id: randomUUID(),
      variant_id: input.variantId,
      device: input.device,
      runtime: input.runtime,
      results_json: toJson(input.results, 'benchmark results'),
      created_at: Date.now(),
    };
    await this.db.exec(
      'INSERT INTO benchmarks (id, variant_id, device, runtime, results_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [row.id, row.variant_id, row.device, row.runtime, row.results_json, row.created_at],
    );
    return toBenchmark(row);
  }

  /** The variant's results, oldest first. Callers check ownership of the variant first. */
  async listForVariant(variantId: string): Promise<Benchmark[]> {
    const rows = await this.db.query<BenchmarkRow>(
      'SELECT id, variant_id, device, runtime, results_json, created_at FROM benchmarks WHERE variant_id = $1 ORDER BY created_at, id',
      [variantId],
    );
    return rows.map(toBenchmark);
  }
}
