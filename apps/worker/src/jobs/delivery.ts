/**
 * One delivery of one job, as the processors see it: the claimed row, its work folder, a progress/log reporter,
 * and the three things a processor does besides bookkeeping: materialize an artifact, run a sandboxed task, store
 * an output file. Every failure leaves here as a JobFailure or DeliveryStopped (job-errors.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JobErrorCode } from '@whittle/shared';
import type { Job, PutResult } from '@whittle/store';
import { describeError } from '../logger.ts';
import { runSandboxed } from '../sandbox/index.ts';
import { TASK_OUTPUT_SCHEMAS, type TaskTypes } from '../tasks/task-io.ts';
import type { TaskName } from '../tasks/task-modules.ts';
import { DeliveryStopped, JobFailure, failureFromSandbox, failureFromStorage, stopReasonOf } from './job-errors.ts';
import type { JobReporter } from './job-reporter.ts';
import { materialize, storeFile } from './work-dir.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** The part of the job's overall progress [0, 1] that one task covers. */
export interface ProgressSpan {
  readonly from: number;
  readonly to: number;
}

export interface DeliveryOptions {
  readonly deps: WorkerDeps;
  /** The row as claimed (status running, `attempt` = this delivery's attempt). */
  readonly job: Job;
  readonly workDir: string;
  readonly signal: AbortSignal;
  readonly reporter: JobReporter;
  /** Removes host paths from messages for users. */
  readonly redact: (text: string) => string;
}

export class Delivery {
  readonly deps: WorkerDeps;
  readonly job: Job;
  readonly workDir: string;
  readonly signal: AbortSignal;
  readonly reporter: JobReporter;
  /** One budget for the whole delivery: a recipe's steps share it. */
  readonly #deadline: number;
  readonly redact: (text: string) => string;

  constructor(options: DeliveryOptions) {
    this.deps = options.deps;
    this.job = options.job;
    this.workDir = options.workDir;
    this.signal = options.signal;
    this.reporter = options.reporter;
    this.#deadline = Date.now() + options.deps.jobTimeoutMs;
    this.redact = options.redact;
  }

  get attempt(): number {
    return this.job.attempt;
  }

  /** A line in the job's log (users read it). */
  log(message: string): void {
    this.reporter.log('info', message);
  }

  /** Throws DeliveryStopped when this delivery was cancelled, superseded or is being shut down. */
  checkStopped(): void {
    if (this.signal.aborted) throw new DeliveryStopped(stopReasonOf(this.signal));
  }

  /** Path of a file in the work folder. `name` is ours (never a user's file name). */
  path(name: string): string {
    return join(this.workDir, name);
  }

  /** Streams an artifact into the work folder and returns the file's path. */
  async materialize(key: string | null, name: string, what: string): Promise<string> {
    if (key === null) throw new JobFailure(JobErrorCode.SourceNotReady, `The ${what} has no stored file.`);
    const path = this.path(name);
    try {
      await materialize(this.deps.artifacts, key, path);
    } catch (error) {
      throw this.#storageFailure(error, what);
    }
    return path;
  }

  /** Streams a file of the work folder into the artifact store. */
  async store(path: string, maxBytes: number, what: string): Promise<PutResult> {
    try {
      return await storeFile(this.deps.artifacts, path, maxBytes);
    } catch (error) {
      throw this.#storageFailure(error, what);
    }
  }

  /** Stores bytes the worker made itself (small JSON documents). */
  async storeBytes(bytes: Uint8Array, what: string): Promise<PutResult> {
    try {
      return await this.deps.artifacts.put(bytes);
    } catch (error) {
      throw this.#storageFailure(error, what);
    }
  }

  /** Reads a small output file of the task, refusing more than `maxBytes`. */
  async readOutput(path: string, maxBytes: number, what: string): Promise<Uint8Array> {
    const size = await stat(path).then(
      (stats) => stats.size,
      () => undefined,
    );
    if (size === undefined) throw new JobFailure(JobErrorCode.Internal, `The task did not write the ${what}.`);
    if (size > maxBytes) throw new JobFailure(JobErrorCode.Internal, `The ${what} is larger than ${String(maxBytes)} bytes.`);
    return readFile(path);
  }

  /**
   * Runs one sandboxed task with the remaining time budget; its progress maps into `span` of the job's progress.
   * Resolves with the validated output; throws JobFailure (failed, crashed, timeout, out of memory, bad output) or
   * DeliveryStopped (cancelled, superseded, shutdown).
   */
  async runTask<N extends TaskName>(name: N, input: TaskTypes[N]['input'], span: ProgressSpan): Promise<TaskTypes[N]['output']> {
    this.checkStopped();
    const remainingMs = this.#deadline - Date.now();
    if (remainingMs <= 0) {
      throw new JobFailure(JobErrorCode.Timeout, `The job used up its time limit of ${formatSeconds(this.deps.jobTimeoutMs)}.`);
    }
    const result = await runSandboxed(
      { module: this.deps.taskModules[name], input },
      {
        memoryLimitBytes: this.deps.jobMemoryBytes,
        timeoutMs: remainingMs,
        signal: this.signal,
        onProgress: ({ fraction, message }) => {
          this.reporter.progress(span.from + fraction * (span.to - span.from), message);
        },
        onLog: (line, source) => {
          this.reporter.log(source === 'stderr' ? 'warn' : 'info', line);
        },
      },
    );
    if (!result.ok) {
      if (this.signal.aborted) throw new DeliveryStopped(stopReasonOf(this.signal));
      const failure = failureFromSandbox({ ...result, message: this.redact(result.message) }, this.signal);
      throw failure;
    }
    // A cancel that arrived as the task finished still wins: nothing of it is stored. A shutdown lets it finish.
    if (this.signal.aborted && stopReasonOf(this.signal) !== 'shutdown') throw new DeliveryStopped(stopReasonOf(this.signal));
    const parsed = TASK_OUTPUT_SCHEMAS[name].safeParse(result.output);
    if (!parsed.success) {
      this.deps.logger.error(`job ${this.job.id}: the ${name} task returned an invalid output: ${describeError(parsed.error)}`);
      throw new JobFailure(JobErrorCode.Internal, `The ${name} task returned an output the worker does not accept.`);
    }
    this.reporter.progress(span.to);
    return parsed.data;
  }

  #storageFailure(error: unknown, what: string): JobFailure {
    const failure = failureFromStorage(error, what);
    if (failure) return failure;
    // Not the store's own error: the work folder (local disk) failed.
    this.deps.logger.error(`job ${this.job.id}: ${what}: ${describeError(error)}`);
    return new JobFailure(JobErrorCode.Storage, `Storage failed while handling the ${what}.`, true);
  }
}

function formatSeconds(ms: number): string {
  return `${String(Math.round(ms / 100) / 10)} s`;
}
