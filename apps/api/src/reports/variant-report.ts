import { z } from 'zod';
import { benchmarkDtoSchema, idSchema, sha256Schema, variantDtoSchema, type BenchmarkDto, type VariantDto } from '@whittle/shared';
import type { Model, Variant } from '@whittle/store';
import type { Repos } from '../plugins/db.ts';
import { benchmarkDto, variantDto } from '../dto.ts';
import { toCsv, type CsvValue } from './csv.ts';

/** Lineage deeper than this is cut (recipes have at most 32 steps; a loop in bad data must not spin). */
const MAX_LINEAGE = 256;

/**
 * `GET /api/variants/:id/report?format=json`: the variant, its lineage from the original upload, the figures of each
 * step, the step reports, and every benchmark of the lineage.
 * @public
 */
export const variantReportSchema = z.object({
  version: z.literal(1),
  model: z.object({ id: idSchema, name: z.string(), sha256: sha256Schema }),
  variant: variantDtoSchema,
  /** The original first, this variant last. */
  lineage: z.array(variantDtoSchema),
  /** Benchmarks of every variant in the lineage, oldest first. */
  benchmarks: z.array(benchmarkDtoSchema),
});

/** @public */
export type VariantReport = z.infer<typeof variantReportSchema>;

/** Builds the report of a variant the caller owns. @public */
export async function buildVariantReport(repos: Repos, model: Model, variant: Variant): Promise<VariantReport> {
  const chain: Variant[] = [variant];
  const seen = new Set([variant.id]);
  let current = variant;
  while (current.parentVariantId !== null && chain.length < MAX_LINEAGE) {
    const parent = await repos.variants.get(current.parentVariantId);
    // Lineage never leaves the project; a parent elsewhere (or a cycle) would be corrupt data: stop there.
    if (parent === undefined || parent.projectId !== variant.projectId || seen.has(parent.id)) break;
    seen.add(parent.id);
    chain.push(parent);
    current = parent;
  }
  chain.reverse();
  const benchmarks = (await Promise.all(chain.map((step) => repos.benchmarks.listForVariant(step.id)))).flat();
  return {
    version: 1,
    model: { id: model.id, name: model.displayName, sha256: model.sha256 },
    variant: variantDto(variant),
    lineage: chain.map(variantDto),
    benchmarks: benchmarks.map(benchmarkDto),
  };
}

const CSV_COLUMNS = [
  'variant_id',
  'step',
  'parent_variant_id',
  'status',
  'sha256',
  'params',
  'macs',
  'weight_bytes',
  'file_bytes',
  'benchmark_device',
  'benchmark_runtime',
  'threads',
  'batch_size',
  'runs',
  'p50_ms',
  'p90_ms',
  'p99_ms',
  'throughput_per_sec',
] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], CsvValue>;

/**
 * The report as CSV: a header row, then per lineage variant one row per benchmark series (or one row without
 * benchmark figures when it has none).
 * @public
 */
export function variantReportCsv(report: VariantReport): string {
  const rows: CsvRow[] = [];
  for (const variant of report.lineage) {
    const base = variantColumns(variant);
    const series = report.benchmarks.filter((b) => b.variantId === variant.id).flatMap((b) => seriesRows(b));
    if (series.length === 0) rows.push({ ...base, ...emptyBenchmark });
    else rows.push(...series.map((s) => ({ ...base, ...s })));
  }
  return toCsv(CSV_COLUMNS, rows);
}

function variantColumns(variant: VariantDto): Pick<CsvRow, 'variant_id' | 'step' | 'parent_variant_id' | 'status' | 'sha256' | 'params' | 'macs' | 'weight_bytes' | 'file_bytes'> {
  return {
    variant_id: variant.id,
    step: variant.step,
    parent_variant_id: variant.parentVariantId,
    status: variant.status,
    sha256: variant.sha256,
    params: variant.metrics.params,
    macs: variant.metrics.macs,
    weight_bytes: variant.metrics.weightBytes,
    file_bytes: variant.metrics.fileBytes,
  };
}

type BenchmarkColumns = Omit<CsvRow, keyof ReturnType<typeof variantColumns>>;

const emptyBenchmark: BenchmarkColumns = {
  benchmark_device: null,
  benchmark_runtime: null,
  threads: null,
  batch_size: null,
  runs: null,
  p50_ms: null,
  p90_ms: null,
  p99_ms: null,
  throughput_per_sec: null,
};

function seriesRows(benchmark: BenchmarkDto): BenchmarkColumns[] {
  return benchmark.results.series.map((series) => ({
    benchmark_device: benchmark.device,
    benchmark_runtime: benchmark.runtime,
    threads: series.threads,
    batch_size: series.batchSize,
    runs: series.runs,
    p50_ms: series.p50Ms,
    p90_ms: series.p90Ms,
    p99_ms: series.p99Ms,
    throughput_per_sec: series.throughputPerSec,
  }));
}
