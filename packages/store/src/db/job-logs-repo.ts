import type { Db } from './db.ts';

/** @public */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * One log line of a job. `seq` starts at 1 and increases by one per line of that job, so a client that saw
 * `seq` n resumes with everything after n (the SSE `Last-Event-ID`).
 * @public
 */
export interface JobLogEntry {
  readonly jobId: string;
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly level: LogLevel;
  readonly message: string;
}

interface LogRow {
  job_id: string;
  seq: number;
  at: number;
  level: LogLevel;
  message: string;
}

/**
 * Per-job logs.
 * @public
 */
export class JobLogsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Appends a line and returns its `seq`. The counter lives on the job row and is bumped with
   * `UPDATE … RETURNING` in the same transaction as the insert: the row lock serializes concurrent appenders
   * on PostgreSQL, where `MAX(seq) + 1` would hand two of them the same number.
   */
  async append(jobId: string, level: LogLevel, message: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const counter = await tx.one<{ log_seq: number }>(
        'UPDATE jobs SET log_seq = log_seq + 1 WHERE id = $1 RETURNING log_seq',
        [jobId],
      );
      if (counter === undefined) throw new Error(`job ${jobId} does not exist`);
      await tx.exec('INSERT INTO job_logs (job_id, seq, at, level, message) VALUES ($1, $2, $3, $4, $5)', [
        jobId,
        counter.log_seq,
        Date.now(),
        level,
        message,
      ]);
      return counter.log_seq;
    });
  }

  /** Lines with `seq > afterSeq`, in order, at most `limit`. */
  async listSince(jobId: string, afterSeq = 0, limit = 1000): Promise<JobLogEntry[]> {
    const rows = await this.db.query<LogRow>(
      'SELECT job_id, seq, at, level, message FROM job_logs WHERE job_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [jobId, afterSeq, limit],
    );
    return rows.map((row) => ({ jobId: row.job_id, seq: row.seq, at: row.at, level: row.level, message: row.message }));
  }
}
