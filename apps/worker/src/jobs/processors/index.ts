/**
 * The processors, one per job kind. To add a kind: its params schema in @whittle/shared (jobParamsSchemas), a
 * processor file here, an entry in PROCESSORS and a case in bindJob; TypeScript and the exhaustive-switch lint rule
 * refuse a registry or a switch that misses a kind of JOB_KINDS.
 */
import { JobErrorCode, jobParamsSchemas, type JobKind, type JobResult } from '@whittle/shared';
import type { Delivery } from '../delivery.ts';
import { JobFailure } from '../job-errors.ts';
import type { WorkerDeps } from '../worker-deps.ts';
import { analyzeProcessor } from './analyze.ts';
import { benchmarkProcessor } from './benchmark.ts';
import type { FailedJob, JobError, ProcessorEntry } from './processor.ts';
import { pruneProcessor } from './prune.ts';
import { recipeProcessor } from './recipe.ts';

export type { JobError } from './processor.ts';

type ProcessorRegistry = { readonly [K in JobKind]: ProcessorEntry<K> };

export const PROCESSORS: ProcessorRegistry = {
  analyze: analyzeProcessor,
  prune: pruneProcessor,
  benchmark: benchmarkProcessor,
  recipe: recipeProcessor,
};

/** A job row's kind and payload, parsed and bound to its processor. */
export interface BoundJob {
  process(delivery: Delivery): Promise<JobResult>;
  failed(deps: WorkerDeps, projectId: string, error: JobError): Promise<void>;
}

function isServedKind(kind: string): kind is JobKind {
  return Object.hasOwn(PROCESSORS, kind);
}

/** The parts of a zod schema this file needs, so one helper fits every kind's schema. */
interface ParamsSchema<P> {
  safeParse(value: unknown): { readonly success: true; readonly data: P } | { readonly success: false };
}

function bound<P>(kind: JobKind, schema: ParamsSchema<P>, entry: { process: (delivery: Delivery, params: P) => Promise<JobResult>; failed?: (deps: WorkerDeps, failure: FailedJob<P>) => Promise<void> }, payload: unknown): BoundJob | JobFailure {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return new JobFailure(JobErrorCode.BadParams, `The job's stored parameters are not valid ${kind} parameters.`);
  const params = parsed.data;
  return {
    process: (delivery) => entry.process(delivery, params),
    failed: async (deps, projectId, error) => {
      await entry.failed?.(deps, { projectId, params, error });
    },
  };
}

/** Parses a row's payload with its kind's schema; a JobFailure (JOB_ERR_BAD_PARAMS) when the kind or params do not fit. */
export function bindJob(kind: string, payload: unknown): BoundJob | JobFailure {
  if (!isServedKind(kind)) return new JobFailure(JobErrorCode.BadParams, `This worker does not run "${kind}" jobs.`);
  // One case per kind: each pairs a kind's schema with its processor, so the parameters' type is checked, not cast.
  switch (kind) {
    case 'analyze':
      return bound(kind, jobParamsSchemas.analyze, PROCESSORS.analyze, payload);
    case 'prune':
      return bound(kind, jobParamsSchemas.prune, PROCESSORS.prune, payload);
    case 'benchmark':
      return bound(kind, jobParamsSchemas.benchmark, PROCESSORS.benchmark, payload);
    case 'recipe':
      return bound(kind, jobParamsSchemas.recipe, PROCESSORS.recipe, payload);
  }
}
