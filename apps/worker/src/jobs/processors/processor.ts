/** The shape of a job kind's processor: one entry per kind in a typed registry (index.ts). */
import type { JobKind, JobParams, JobResult } from '@whittle/shared';
import type { Delivery } from '../delivery.ts';
import type { WorkerDeps } from '../worker-deps.ts';

export interface JobError {
  readonly code: string;
  readonly message: string;
}

/** A job that failed for good: its project (for ownership checks), its parameters and why. */
export interface FailedJob<P> {
  readonly projectId: string;
  readonly params: P;
  readonly error: JobError;
}

export interface ProcessorEntry<K extends JobKind> {
  /** Does the work of one delivery and returns the job's result; throws JobFailure / DeliveryStopped. */
  readonly process: (delivery: Delivery, params: JobParams<K>) => Promise<JobResult>;
  /** After the job failed for good (by the worker or the reconciler): settle what the job was making. */
  readonly failed?: (deps: WorkerDeps, failure: FailedJob<JobParams<K>>) => Promise<void>;
}
