/**
 * The state of one job's Server-Sent Events stream (`job`, `log`, `end`; docs/studio-server.md) as a pure reducer, so
 * the merging rules are tested without a browser: logs are kept in seq order without duplicates (EventSource
 * reconnects with `Last-Event-ID`, but a reconnect racing a poll must not double a line), and only the newest lines
 * are kept so a chatty job cannot grow the page without bound.
 */
import { jobDtoSchema, jobLogDtoSchema, type JobDto, type JobLogDto } from '@whittle/shared';

/** Lines kept per job in the page. @public */
export const MAX_LOG_LINES = 2000;

/** @public */
export interface JobEventState {
  readonly job: JobDto | null;
  readonly logs: readonly JobLogDto[];
  /** The server sent `end`: the job is terminal and every line is out. */
  readonly ended: boolean;
  /** A message when the stream broke or sent something unreadable. */
  readonly problem: string | null;
}

/** @public */
export type JobEventAction =
  | { readonly type: 'job'; readonly job: JobDto }
  | { readonly type: 'log'; readonly log: JobLogDto }
  | { readonly type: 'end' }
  | { readonly type: 'problem'; readonly message: string }
  | { readonly type: 'reset' };

/** @public */
export const initialJobEventState: JobEventState = { job: null, logs: [], ended: false, problem: null };

/** Turns one SSE message into an action; anything malformed becomes a `problem` instead of throwing in a handler. @public */
export function parseJobEvent(event: string, data: string): JobEventAction {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { type: 'problem', message: `The job stream sent unreadable ${event} data` };
  }
  if (event === 'end') return { type: 'end' };
  if (event === 'job') {
    const job = jobDtoSchema.safeParse(value);
    return job.success ? { type: 'job', job: job.data } : { type: 'problem', message: 'The job stream sent a malformed job' };
  }
  if (event === 'log') {
    const log = jobLogDtoSchema.safeParse(value);
    return log.success ? { type: 'log', log: log.data } : { type: 'problem', message: 'The job stream sent a malformed log line' };
  }
  return { type: 'problem', message: `The job stream sent an unknown event '${event}'` };
}

function withLog(logs: readonly JobLogDto[], log: JobLogDto): readonly JobLogDto[] {
  const last = logs.at(-1);
  if (last === undefined || last.seq < log.seq) return [...logs, log].slice(-MAX_LOG_LINES);
  if (logs.some((line) => line.seq === log.seq)) return logs;
  return [...logs, log].sort((a, b) => a.seq - b.seq).slice(-MAX_LOG_LINES);
}

/** @public */
export function reduceJobEvent(state: JobEventState, action: JobEventAction): JobEventState {
  switch (action.type) {
    case 'job':
      return { ...state, job: action.job, problem: null };
    case 'log':
      return { ...state, logs: withLog(state.logs, action.log) };
    case 'end':
      return { ...state, ended: true };
    case 'problem':
      return { ...state, problem: action.message };
    case 'reset':
      return initialJobEventState;
  }
}
