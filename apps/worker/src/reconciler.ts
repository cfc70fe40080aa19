/**
 * Makes Redis agree with the database (the source of truth): every `queued` or `running` job of the kinds served
 * here that has no live BullMQ job is re-enqueued with its own id (a `running` one goes back to `queued` first), or
 * failed with JOB_ERR_QUEUE_STATE_LOST when its attempts are spent. That covers a flushed or restarted Redis
 * without persistence (catalogue F10) and rows the API created while Redis was down (F11: the table is the outbox).
 * It also removes work folders no delivery owns any more (a killed worker's leftovers; invariant I6).
 *
 * Safe to run in several workers at once and beside the API: adding an existing job id is a no-op in BullMQ, and
 * every row change is a compare-and-set at the attempt read.
 */
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { JobErrorCode, QUEUE_JOB_OPTIONS, type JobKind } from '@whittle/shared';
import type { Job } from '@whittle/store';
import { describeError } from './logger.ts';
import { JobFailure } from './jobs/job-errors.ts';
import { bindJob } from './jobs/processors/index.ts';
import { listWorkDirs, parseWorkDirName, removeWorkDir, workRoot } from './jobs/work-dir.ts';
import type { WorkerDeps } from './jobs/worker-deps.ts';

/** States in which a BullMQ job will still be delivered. */
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** What one pass did, by job id. @public */
export interface ReconcileReport {
  readonly requeued: readonly string[];
  readonly failed: readonly string[];
  readonly sweptWorkDirs: number;
}

export class Reconciler {
  readonly #deps: WorkerDeps;
  readonly #queues: ReadonlyMap<JobKind, Queue>;
  #pass: Promise<ReconcileReport> | undefined;

  constructor(deps: WorkerDeps, queues: ReadonlyMap<JobKind, Queue>) {
    this.#deps = deps;
    this.#queues = queues;
  }

  /** Runs one pass; a call while one runs shares it. */
  run(): Promise<ReconcileReport> {
    this.#pass ??= this.#run().finally(() => {
      this.#pass = undefined;
    });
    return this.#pass;
  }

  /** Resolves when no pass is running (close waits for it before closing the connections). */
  async settled(): Promise<void> {
    await this.#pass?.catch(() => undefined);
  }

  async #run(): Promise<ReconcileReport> {
    const requeued: string[] = [];
    const failed: string[] = [];
    for (const job of await this.#deps.jobs.listByStatus(['queued', 'running'])) {
      const queue = this.#queues.get(job.kind as JobKind);
      if (queue === undefined) continue;
      try {
        const outcome = await this.#reconcile(job, queue);
        if (outcome === 'requeued') requeued.push(job.id);
        if (outcome === 'failed') failed.push(job.id);
      } catch (error) {
        this.#deps.logger.warn(`reconciler: job ${job.id}: ${describeError(error)}`);
      }
    }
    const sweptWorkDirs = await this.#sweepWorkDirs();
    if (requeued.length > 0) this.#deps.logger.info(`reconciler: re-enqueued ${String(requeued.length)} job(s): ${requeued.join(', ')}`);
    if (failed.length > 0) this.#deps.logger.warn(`reconciler: failed ${String(failed.length)} job(s) whose queue state was lost: ${failed.join(', ')}`);
    if (sweptWorkDirs > 0) this.#deps.logger.info(`reconciler: removed ${String(sweptWorkDirs)} orphaned work folder(s)`);
    return { requeued, failed, sweptWorkDirs };
  }

  async #reconcile(job: Job, queue: Queue): Promise<'requeued' | 'failed' | 'live' | 'moved-on'> {
    const existing = await queue.getJob(job.id);
    if (existing !== undefined) {
      const state = await existing.getState();
      if (LIVE_STATES.has(state)) return 'live';
      // Finished but still in Redis: a same-id add would be a no-op, so make room first.
      await existing.remove();
    }
    const jobs = this.#deps.jobs;
    if (job.status === 'running') {
      if (job.attempt >= QUEUE_JOB_OPTIONS.attempts) {
        const error = {
          code: JobErrorCode.QueueStateLost,
          message: 'The job queue lost this job (Redis lost its data, or the workers running it kept dying) and its attempts are spent; submit it again.',
        };
        if (!(await jobs.transition(job.id, { from: ['running'], to: 'failed', ifAttempt: job.attempt, error }))) return 'moved-on';
        const bound = bindJob(job.kind, job.payload);
        if (!(bound instanceof JobFailure)) await bound.failed(this.#deps, job.projectId, error);
        return 'failed';
      }
      // The delivery that set `running` is gone with the queue state; if it still runs somewhere, its next
      // progress write fails its attempt check and it stops.
      if (!(await jobs.transition(job.id, { from: ['running'], to: 'queued', ifAttempt: job.attempt }))) return 'moved-on';
    } else {
      // Narrow the window in which the job finished between the listing and now (a re-add would then be a harmless
      // duplicate delivery, dropped because the row is terminal).
      const fresh = await jobs.get(job.id);
      if (fresh?.status !== 'queued') return 'moved-on';
    }
    await queue.add(job.kind, { jobId: job.id }, { ...QUEUE_JOB_OPTIONS, jobId: job.id });
    return 'requeued';
  }

  /** Removes `<jobId>-<attempt>` folders whose job is no longer running at that attempt. */
  async #sweepWorkDirs(): Promise<number> {
    let removed = 0;
    for (const name of await listWorkDirs(this.#deps.dataDir)) {
      const parsed = parseWorkDirName(name);
      if (parsed === undefined) continue;
      const row = await this.#deps.jobs.get(parsed.jobId);
      if (row?.status === 'running' && row.attempt === parsed.attempt) continue;
      await removeWorkDir(join(workRoot(this.#deps.dataDir), name)).then(
        () => {
          removed += 1;
        },
        (error: unknown) => {
          this.#deps.logger.warn(`reconciler: could not remove work folder ${name}: ${describeError(error)}`);
        },
      );
    }
    return removed;
  }
}
