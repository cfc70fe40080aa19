/**
 * The contract between the API and the workers over Redis. BullMQ job data carries only ids (it is stored in clear
 * text; catalogue §1); the worker resolves everything else from the database, the source of truth.
 */
import { z } from 'zod';
import type { JobKind } from './jobs.ts';
import { idSchema } from './ids.ts';

/** BullMQ `prefix` of every queue unless configured (tests use a random one each). @public */
export const DEFAULT_QUEUE_PREFIX = 'whittle';

/** One queue per job kind (DESIGN.md §5), so a slow kind never starves another. @public */
export function queueNameFor(kind: JobKind): string {
  return `jobs-${kind}`;
}

/**
 * BullMQ options of every enqueued job (the API on create and retry, the reconciler on re-enqueue): a crashed task is
 * retried with exponential backoff up to `attempts` (2 s, 4 s…); invalid input fails at once (UnrecoverableError).
 * Finished jobs leave Redis: the database keeps their history.
 * @public
 */
export const QUEUE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: true,
} as const;

/** The BullMQ job's data. Its BullMQ job id is the same `jobId` (a UUID: no `:`). @public */
export const queueJobDataSchema = z.strictObject({ jobId: idSchema });

/** @public */
export type QueueJobData = z.infer<typeof queueJobDataSchema>;

/**
 * Redis pub/sub channel on which the API announces cancelled job ids (the payload is the job id). Workers abort the
 * running task's AbortSignal; the database row was already moved to `cancelled` by the API (compare-and-set).
 * @public
 */
export function cancelChannel(prefix: string): string {
  return `${prefix}:cancel`;
}

/**
 * Redis key a worker refreshes while it is alive and consuming (catalogue §1 rule 4: prove the worker consumes, not
 * just that Redis answers). Value: JSON `{ at, pid, host }`, expires after a few missed beats.
 * @public
 */
export function workerHeartbeatKey(prefix: string, workerId: string): string {
  return `${prefix}:worker:${workerId}`;
}
