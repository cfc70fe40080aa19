/**
 * The worker's own log (operators, not users: job logs for users go to `job_logs`). Only main.ts prints; the
 * library takes a logger so tests can collect lines and nothing else writes to the console.
 * @public
 */
export interface WorkerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Drops everything: the default of {@link startWorker} when the caller passes no logger. */
export const silentLogger: WorkerLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An error's message for the operator's log (first line; the stack stays out of one-line logs). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? '';
}
