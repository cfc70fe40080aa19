/**
 * Writes one delivery's progress and log lines to the database, in the order they happened (one promise chain), with
 * bounds: progress is throttled, log lines are capped per delivery and truncated. The SSE endpoint polls these rows.
 */
import type { JobLogsRepo, JobsRepo, LogLevel } from '@whittle/store';
import { describeError, type WorkerLogger } from '../logger.ts';

/** Write progress when it moved by this much… */
const PROGRESS_STEP = 0.01;
/** …or when this long has passed since the last write and it moved at all. */
const PROGRESS_INTERVAL_MS = 200;
/** A progress message of the same kind as the last one logged becomes a log line at most this often. */
const MESSAGE_INTERVAL_MS = 2000;
/** Lines per delivery; a chatty native library must not fill the database. */
export const MAX_LOG_LINES = 1000;
export const MAX_LOG_LINE_CHARS = 2000;

export interface JobReporterOptions {
  readonly jobs: JobsRepo;
  readonly logs: JobLogsRepo;
  readonly jobId: string;
  readonly attempt: number;
  readonly logger: WorkerLogger;
  /** Called once when setProgress says the row is no longer this attempt's running job (cancelled or superseded). */
  readonly onLost: () => void;
  /** Applied to every line before it is stored (removes host paths). */
  readonly redact: (text: string) => string;
}

export class JobReporter {
  readonly #options: JobReporterOptions;
  #chain: Promise<void> = Promise.resolve();
  #latest = 0;
  #written = 0;
  #writtenAt = 0;
  #progressPending = false;
  #trailing: NodeJS.Timeout | undefined;
  #lastShape: string | undefined;
  #messageAt = 0;
  #lines = 0;
  #lost = false;

  constructor(options: JobReporterOptions) {
    this.#options = options;
  }

  /**
   * Overall progress in [0, 1] (monotonic: a lower value is ignored). The jobs table keeps no message, so messages
   * become log lines: a new kind of message (its text without numbers differs: a new phase) at once, the same kind
   * (a counter ticking: "run 41", "run 42"…) at most every {@link MESSAGE_INTERVAL_MS}.
   */
  progress(fraction: number, message?: string): void {
    if (message !== undefined) this.#message(message);
    const value = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    if (value <= this.#latest) return;
    this.#latest = value;
    const moved = value - this.#written;
    if (moved >= PROGRESS_STEP || Date.now() - this.#writtenAt >= PROGRESS_INTERVAL_MS) {
      this.#queueProgress();
      return;
    }
    // Too soon: write the latest value when the interval has passed, so the last figure is never lost.
    this.#trailing ??= setTimeout(() => {
      this.#trailing = undefined;
      this.#queueProgress();
    }, PROGRESS_INTERVAL_MS);
  }

  #message(message: string): void {
    const shape = message.replace(/\d+(?:\.\d+)?/g, '#');
    const now = Date.now();
    if (shape === this.#lastShape && now - this.#messageAt < MESSAGE_INTERVAL_MS) return;
    this.#lastShape = shape;
    this.#messageAt = now;
    this.log('info', message);
  }

  log(level: LogLevel, line: string): void {
    this.#lines += 1;
    if (this.#lines > MAX_LOG_LINES + 1) return;
    const text =
      this.#lines === MAX_LOG_LINES + 1
        ? `… more log lines were dropped (at most ${MAX_LOG_LINES} per attempt).`
        : truncate(this.#options.redact(line));
    this.#enqueue(async () => {
      await this.#options.logs.append(this.#options.jobId, level, text);
    });
  }

  /** Writes what is pending (the latest progress included) and waits for every queued write. */
  async flush(): Promise<void> {
    if (this.#trailing !== undefined) {
      clearTimeout(this.#trailing);
      this.#trailing = undefined;
      this.#queueProgress();
    }
    await this.#chain;
  }

  #queueProgress(): void {
    if (this.#progressPending || this.#lost) return;
    this.#progressPending = true;
    this.#enqueue(async () => {
      this.#progressPending = false;
      // Coalesced: the value written is the latest at the time of the write.
      const value = this.#latest;
      if (value === this.#written) return;
      this.#written = value;
      this.#writtenAt = Date.now();
      const { jobs, jobId, attempt } = this.#options;
      if (!(await jobs.setProgress(jobId, value, attempt)) && !this.#lost) {
        this.#lost = true;
        this.#options.onLost();
      }
    });
  }

  #enqueue(write: () => Promise<void>): void {
    this.#chain = this.#chain.then(write).catch((error: unknown) => {
      // A lost progress figure or log line must not fail the job; the operator's log says why.
      this.#options.logger.warn(`job ${this.#options.jobId}: could not record progress or a log line: ${describeError(error)}`);
    });
  }
}

function truncate(line: string): string {
  return line.length > MAX_LOG_LINE_CHARS ? `${line.slice(0, MAX_LOG_LINE_CHARS)}…` : line;
}
