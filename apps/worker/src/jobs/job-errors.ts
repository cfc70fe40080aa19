/**
 * How a delivery ends when it does not succeed. Processors and steps throw these; run-job.ts turns them into the
 * job row's state (docs/studio-server.md, Jobs) and into BullMQ's retry or no-retry.
 */
import { JobErrorCode } from '@whittle/shared';
import { ArtifactStoreErrorCode, isArtifactStoreError } from '@whittle/store';
import type { SandboxFailure } from '../sandbox/index.ts';

/**
 * The job fails with a stable code and a message for people. `retryable` failures (a crashed task, a storage hiccup,
 * an internal error) go back to `queued` while BullMQ attempts remain; the others fail at once (UnrecoverableError).
 */
export class JobFailure extends Error {
  override readonly name = 'JobFailure';

  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Why this process stopped a delivery: the job was cancelled, another delivery owns it, or the worker shuts down. */
export type StopReason = 'cancelled' | 'superseded' | 'shutdown';

/** The delivery was stopped on purpose; see {@link StopReason}. */
export class DeliveryStopped extends Error {
  override readonly name = 'DeliveryStopped';

  constructor(readonly reason: StopReason) {
    super(`delivery stopped: ${reason}`);
  }
}

/** The stop reason carried by an aborted signal (anything unexpected counts as a cancel). */
export function stopReasonOf(signal: AbortSignal): StopReason {
  const reason: unknown = signal.reason;
  return reason === 'shutdown' || reason === 'superseded' ? reason : 'cancelled';
}

/**
 * Maps a sandbox failure to the job's failure (the brief's table): a coded failure is invalid input; timeout and
 * out-of-memory fail at once; a crash is retried while attempts remain. `cancelled` is not a failure: the caller
 * checks its own signal first.
 */
export function failureFromSandbox(result: SandboxFailure, signal: AbortSignal): JobFailure | DeliveryStopped {
  switch (result.reason) {
    case 'failed':
      return new JobFailure(result.code, result.message);
    case 'timeout':
      return new JobFailure(JobErrorCode.Timeout, result.message);
    case 'out-of-memory':
      return new JobFailure(JobErrorCode.OutOfMemory, result.message);
    case 'crashed': {
      const how = result.signal === undefined ? `exit code ${String(result.exitCode ?? 'unknown')}` : `signal ${result.signal}`;
      return new JobFailure(JobErrorCode.Crashed, `The task's process died (${how}) before it finished: a crafted model or a runtime bug.`, true);
    }
    case 'cancelled':
      return new DeliveryStopped(signal.aborted ? stopReasonOf(signal) : 'cancelled');
  }
}

/** Storage errors: a missing object is permanent, anything else (I/O, full disk, S3 5xx) may pass. */
export function failureFromStorage(error: unknown, what: string): JobFailure | undefined {
  if (!isArtifactStoreError(error)) return undefined;
  if (error.code === ArtifactStoreErrorCode.NotFound) return new JobFailure(JobErrorCode.SourceNotReady, `The ${what} is missing from storage.`);
  return new JobFailure(JobErrorCode.Storage, `Storage failed while handling the ${what} (${error.code}).`, true);
}
