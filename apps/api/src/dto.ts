/**
 * Store rows → wire DTOs (`@whittle/shared`). JSON columns come back from the store as `unknown`; they are parsed
 * with their schema here, at the boundary where the shape is known.
 */
import {
  benchmarkResultsSchema,
  jobKindSchema,
  variantMetricsSchema,
  type BenchmarkDto,
  type DatasetDto,
  type JobDto,
  type JobLogDto,
  type ModelDto,
  type ProjectDto,
  type VariantDto,
  type VariantMetrics,
} from '@whittle/shared';
import type { Benchmark, Dataset, Job, JobLogEntry, Model, Project, TokenInfo, User, Variant } from '@whittle/store';

/** @public */
export function projectDto(project: Project): ProjectDto {
  return { id: project.id, name: project.name, createdAt: project.createdAt };
}

/** @public */
export function modelDto(model: Model, originalVariantId: string | null): ModelDto {
  return {
    id: model.id,
    projectId: model.projectId,
    name: model.displayName,
    sha256: model.sha256,
    sizeBytes: model.sizeBytes,
    status: model.status,
    error: model.errorCode === null ? null : { code: model.errorCode, message: model.errorMessage ?? '' },
    originalVariantId,
    createdAt: model.createdAt,
  };
}

/** @public */
export function jobDto(job: Job): JobDto {
  return {
    id: job.id,
    projectId: job.projectId,
    kind: jobKindSchema.parse(job.kind),
    status: job.status,
    attempt: job.attempt,
    progress: job.progress,
    params: job.payload,
    result: job.result,
    error: job.errorCode === null ? null : { code: job.errorCode, message: job.errorMessage ?? '' },
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/** @public */
export function jobLogDto(entry: JobLogEntry): JobLogDto {
  return { seq: entry.seq, at: entry.at, level: entry.level, message: entry.message };
}

/** Shown for a variant whose figures do not exist yet (a row created before its metrics): nothing estimated or measured. */
const NO_METRICS: VariantMetrics = { params: 0, macs: null, weightBytes: 0, fileBytes: 0, estimated: [], measured: [] };

/** @public */
export function variantDto(variant: Variant): VariantDto {
  const metrics = variantMetricsSchema.safeParse(variant.metrics);
  return {
    id: variant.id,
    projectId: variant.projectId,
    modelId: variant.modelId,
    parentVariantId: variant.parentVariantId,
    jobId: variant.jobId,
    step: variant.step,
    recipe: variant.recipe,
    datasetSha256: variant.datasetSha256,
    engineVersion: variant.engineVersion,
    metrics: metrics.success ? metrics.data : NO_METRICS,
    report: variant.report,
    sha256: variant.sha256,
    status: variant.status,
    createdAt: variant.createdAt,
  };
}

/** @public */
export function datasetDto(dataset: Dataset): DatasetDto {
  return {
    id: dataset.id,
    projectId: dataset.projectId,
    name: dataset.displayName,
    kind: dataset.kind,
    sha256: dataset.sha256,
    createdAt: dataset.createdAt,
  };
}

/** @public */
export function benchmarkDto(benchmark: Benchmark): BenchmarkDto {
  return {
    id: benchmark.id,
    variantId: benchmark.variantId,
    device: benchmark.device,
    runtime: benchmark.runtime,
    results: benchmarkResultsSchema.parse(benchmark.results),
    createdAt: benchmark.createdAt,
  };
}

/** @public */
export function userDto(user: User): { id: string; name: string; isAdmin: boolean } {
  return { id: user.id, name: user.name, isAdmin: user.isAdmin };
}

/** @public */
export function tokenDto(token: TokenInfo): { id: string; label: string; createdAt: number; revokedAt: number | null } {
  return { id: token.id, label: token.label, createdAt: token.createdAt, revokedAt: token.revokedAt };
}
