/**
 * One BullMQ delivery of one job, through the state machine of docs/studio-server.md (Jobs). The database row is the
 * source of truth; Redis only carries `{ jobId }` and delivers at least once, so every write below is a
 * compare-and-set at this delivery's attempt and a delivery that loses one stops without touching anything.
 */
import { homedir, tmpdir } from 'node:os';
import { UnrecoverableError, WaitingError, type Job as BullJob } from 'bullmq';
import { JobErrorCode, TERMINAL_JOB_STATUSES, queueJobDataSchema } from '@whittle/shared';
import type { Job } from '@whittle/store';
import { describeError } from '../logger.ts';
import { pathRedactor } from '../redact.ts';
import { Delivery } from './delivery.ts';
import { DeliveryStopped, JobFailure, stopReasonOf } from './job-errors.ts';
import { JobReporter } from './job-reporter.ts';
import { bindJob, type BoundJob } from './processors/index.ts';
import { createWorkDir, removeWorkDir } from './work-dir.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** The BullMQ processor of every queue: `(job, token) => Promise`. */
export function jobProcessor(deps: WorkerDeps): (bullJob: BullJob, token?: string) => Promise<void> {
  return (bullJob, token) => runJob(deps, bullJob, token);
}

export async function runJob(deps: WorkerDeps, bullJob: BullJob, token: string | undefined): Promise<void> {
  const data = queueJobDataSchema.safeParse(bullJob.data);
  if (!data.success) throw new UnrecoverableError('The queue entry is not a { jobId } document.');
  const { jobId } = data.data;
  // Registered before waiting for a slot, so a cancel reaches a job that is still waiting.
  const registration = deps.running.register(jobId);
  try {
    let release: () => void;
    try {
      release = await deps.slots.acquire(AbortSignal.any([registration.signal, deps.closing]));
    } catch {
      if (deps.closing.aborted) await handBack(deps, bullJob, token, jobId);
      return;
    }
    try {
      await claimAndRun(deps, bullJob, token, jobId, registration);
    } finally {
      release();
    }
  } finally {
    registration.done();
  }
}

/** Gives the job back to the queue without spending a BullMQ attempt (the worker is shutting down). */
async function handBack(deps: WorkerDeps, bullJob: BullJob, token: string | undefined, jobId: string): Promise<never> {
  deps.logger.info(`job ${jobId}: handed back to the queue (shutting down)`);
  await bullJob.moveToWait(token);
  throw new WaitingError();
}

interface Registration {
  readonly signal: AbortSignal;
  readonly stop: (reason: 'cancelled' | 'superseded' | 'shutdown') => void;
}

async function claimAndRun(deps: WorkerDeps, bullJob: BullJob, token: string | undefined, jobId: string, registration: Registration): Promise<void> {
  const { jobs, logger } = deps;
  const row = await jobs.get(jobId);
  if (row === undefined) {
    logger.warn(`job ${jobId}: no such job in the database; delivery dropped`);
    return;
  }
  if (TERMINAL_JOB_STATUSES.includes(row.status)) {
    logger.info(`job ${jobId}: already ${row.status}; duplicate delivery ignored`);
    return;
  }
  if (registration.signal.aborted) return;
  const attempt = row.attempt + 1;
  // queued → running, or running → running when a newer delivery takes over from a dead or stalled one.
  if (!(await jobs.transition(jobId, { from: ['queued', 'running'], to: 'running', attempt, ifAttempt: row.attempt }))) {
    logger.info(`job ${jobId}: another delivery claimed attempt ${String(attempt)}; this one stops`);
    return;
  }
  const claimed: Job = { ...row, status: 'running', attempt, progress: 0 };
  const redact = pathRedactor([deps.dataDir, homedir(), tmpdir()], [tmpdir(), homedir()]);
  const reporter = new JobReporter({
    jobs,
    logs: deps.jobLogs,
    jobId,
    attempt,
    logger,
    redact,
    onLost: () => {
      registration.stop('superseded');
    },
  });
  logger.info(`job ${jobId}: ${row.kind} attempt ${String(attempt)} started`);
  reporter.log('info', `Attempt ${String(attempt)} started.`);
  const bound = bindJob(row.kind, row.payload);
  let workDir: string | undefined;
  try {
    if (bound instanceof JobFailure) throw bound;
    workDir = await createWorkDir(deps.dataDir, jobId, attempt);
    const delivery = new Delivery({ deps, job: claimed, workDir, signal: registration.signal, reporter, redact });
    const result = await bound.process(delivery);
    reporter.log('info', 'Succeeded.');
    await reporter.flush();
    if (await jobs.transition(jobId, { from: ['running'], to: 'succeeded', ifAttempt: attempt, result })) {
      logger.info(`job ${jobId}: succeeded`);
    } else {
      logger.info(`job ${jobId}: finished, but the row moved on meanwhile (cancelled or taken over); outputs kept`);
    }
  } catch (error) {
    await settleFailure({ deps, bullJob, token, jobId, projectId: row.projectId, attempt, reporter, bound, signal: registration.signal }, error);
  } finally {
    await reporter.flush();
    if (workDir !== undefined) await removeWorkDir(workDir).catch((error: unknown) => {
      logger.warn(`job ${jobId}: could not remove its work folder: ${describeError(error)}`);
    });
  }
}

interface Settle {
  readonly deps: WorkerDeps;
  readonly bullJob: BullJob;
  readonly token: string | undefined;
  readonly jobId: string;
  readonly projectId: string;
  readonly attempt: number;
  readonly reporter: JobReporter;
  readonly bound: BoundJob | JobFailure;
  readonly signal: AbortSignal;
}

/** Maps how a delivery ended to the row's next state and to BullMQ's retry (normal Error) or not (Unrecoverable). */
async function settleFailure(settle: Settle, error: unknown): Promise<void> {
  const { deps, bullJob, token, jobId, attempt, reporter } = settle;
  const { jobs, logger } = deps;
  const stopped = error instanceof DeliveryStopped ? error : settle.signal.aborted ? new DeliveryStopped(stopReasonOf(settle.signal)) : undefined;
  if (stopped !== undefined) {
    if (stopped.reason !== 'shutdown') {
      // Cancelled: the API already set the row. Superseded: another delivery owns it. Either way, hands off.
      const cancelled = stopped.reason === 'cancelled' || (await jobs.get(jobId).catch(() => undefined))?.status === 'cancelled';
      logger.info(`job ${jobId}: attempt ${String(attempt)} stopped (${cancelled ? 'cancelled' : 'superseded'})`);
      reporter.log('info', cancelled ? 'Stopped: the job was cancelled.' : 'Stopped: a newer attempt took the job over.');
      return;
    }
    reporter.log('warn', 'The worker is shutting down; the job goes back to the queue.');
    await reporter.flush();
    if (await jobs.transition(jobId, { from: ['running'], to: 'queued', ifAttempt: attempt })) await handBack(deps, bullJob, token, jobId);
    return;
  }

  const failure = error instanceof JobFailure ? error : internalFailure(deps, jobId, error);
  // A stale delivery (the row moved on: cancelled, or taken over after a lost queue state) says nothing more: its
  // failure may just be the sweeper removing its work folder.
  const row = await jobs.get(jobId).catch(() => undefined);
  if (row !== undefined && (row.status !== 'running' || row.attempt !== attempt)) {
    logger.info(`job ${jobId}: attempt ${String(attempt)} ended (${failure.code}) after the row moved on; nothing recorded`);
    return;
  }
  const attemptsLeft = failure.retryable && bullJob.attemptsMade + 1 < (bullJob.opts.attempts ?? 1);
  if (attemptsLeft) {
    reporter.log('warn', `${failure.message} The job will be retried.`);
    await reporter.flush();
    if (!(await jobs.transition(jobId, { from: ['running'], to: 'queued', ifAttempt: attempt }))) return;
    logger.warn(`job ${jobId}: attempt ${String(attempt)} failed (${failure.code}); BullMQ retries it`);
    // A plain Error: BullMQ retries with the job's backoff.
    throw new Error(`${failure.code}: ${failure.message}`);
  }

  reporter.log('error', `Failed (${failure.code}): ${failure.message}`);
  await reporter.flush();
  const jobError = { code: failure.code, message: failure.message };
  // What the job was making is settled first (analyze: the model fails), so whoever sees the failed job sees it too.
  if (!(settle.bound instanceof JobFailure)) {
    await settle.bound.failed(deps, settle.projectId, jobError).catch((hookError: unknown) => {
      logger.error(`job ${jobId}: could not settle its outputs after the failure: ${describeError(hookError)}`);
    });
  }
  if (!(await jobs.transition(jobId, { from: ['running'], to: 'failed', ifAttempt: attempt, error: jobError }))) return;
  logger.warn(`job ${jobId}: failed (${failure.code})`);
  throw new UnrecoverableError(`${failure.code}: ${failure.message}`);
}

/** Anything unexpected (a database error, a bug): retried while attempts remain; details go to the operator only. */
function internalFailure(deps: WorkerDeps, jobId: string, error: unknown): JobFailure {
  deps.logger.error(`job ${jobId}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new JobFailure(JobErrorCode.Internal, 'The worker hit an internal error; the details are in its log.', true);
}
