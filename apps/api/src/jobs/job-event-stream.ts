import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { TERMINAL_JOB_STATUSES } from '@whittle/shared';
import type { Job, JobLogsRepo, JobsRepo } from '@whittle/store';
import { jobDto, jobLogDto } from '../dto.ts';

/** Log lines read per query; a backlog is drained in pages within one poll. */
const LOG_PAGE = 500;

/** @public */
export interface JobEventStreamOptions {
  readonly jobs: JobsRepo;
  readonly logs: JobLogsRepo;
  readonly log: FastifyBaseLogger;
  readonly pollMs: number;
  readonly heartbeatMs: number;
}

/**
 * Server-Sent Events of one job, by polling the database (the truth; the stream survives an API restart and resumes
 * from a log seq): `event: job` with the JobDto whenever status, attempt or progress changes, `event: log` with
 * `id: <seq>` per new line, `event: end` once the job is terminal and its last lines are out, then the stream ends.
 * A comment line every `heartbeatMs` keeps proxies and socket timeouts from closing a quiet stream.
 * @public
 */
export class JobEventStream {
  /** The response body; Fastify pipes it to the client. */
  readonly body = new PassThrough();
  #lastSeq: number;
  #lastState = '';
  #timer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #stopped = false;
  /** Set once the terminal state was seen: one more poll collects lines written just after it. */
  #draining = false;
  readonly #onStop: (() => void)[] = [];

  constructor(
    private readonly jobId: string,
    afterSeq: number,
    private readonly options: JobEventStreamOptions,
  ) {
    this.#lastSeq = afterSeq;
  }

  /** Sends the current state at once, then polls. */
  start(): void {
    this.write('retry: 2000\n\n');
    this.#heartbeat = setInterval(() => {
      this.write(': keep-alive\n\n');
    }, this.options.heartbeatMs);
    void this.poll();
  }

  /** Stops polling and ends the body (client gone, server closing). Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearInterval(this.#heartbeat);
    if (!this.body.writableEnded) this.body.end();
    for (const listener of this.#onStop.splice(0)) listener();
  }

  /** Runs `listener` once when the stream stops. */
  onStop(listener: () => void): void {
    if (this.#stopped) listener();
    else this.#onStop.push(listener);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  private async poll(): Promise<void> {
    if (this.#stopped) return;
    try {
      const job = await this.options.jobs.get(this.jobId);
      if (job === undefined) {
        this.stop();
        return;
      }
      this.sendJobIfChanged(job);
      await this.sendNewLogs();
      if (TERMINAL_JOB_STATUSES.includes(job.status)) {
        if (this.#draining) {
          this.write(`event: end\ndata: ${JSON.stringify({ status: job.status })}\n\n`);
          this.stop();
          return;
        }
        this.#draining = true;
      }
    } catch (error) {
      // The client reconnects (retry: 2000) with Last-Event-ID and resumes where it was.
      this.options.log.warn({ err: error, jobId: this.jobId }, 'job event stream failed');
      this.stop();
      return;
    }
    // A getter, not the field: the stream may have stopped while this poll awaited the database.
    if (!this.stopped) {
      this.#timer = setTimeout(() => void this.poll(), this.options.pollMs);
    }
  }

  private sendJobIfChanged(job: Job): void {
    const state = `${job.status}|${job.attempt}|${job.progress}`;
    if (state === this.#lastState) return;
    this.#lastState = state;
    this.write(`event: job\ndata: ${JSON.stringify(jobDto(job))}\n\n`);
  }

  private async sendNewLogs(): Promise<void> {
    for (;;) {
      const lines = await this.options.logs.listSince(this.jobId, this.#lastSeq, LOG_PAGE);
      for (const line of lines) {
        if (this.stopped) return;
        this.#lastSeq = line.seq;
        this.write(`event: log\nid: ${line.seq}\ndata: ${JSON.stringify(jobLogDto(line))}\n\n`);
      }
      if (lines.length < LOG_PAGE) return;
    }
  }

  private write(text: string): void {
    if (!this.#stopped && !this.body.writableEnded) this.body.write(text);
  }
}
