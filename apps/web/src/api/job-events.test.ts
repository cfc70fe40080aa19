import type { JobDto, JobLogDto } from '@whittle/shared';
import { describe, expect, it } from 'vitest';
import { initialJobEventState, MAX_LOG_LINES, parseJobEvent, reduceJobEvent, type JobEventAction, type JobEventState } from './job-events.ts';

const job: JobDto = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  projectId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  kind: 'prune',
  status: 'running',
  attempt: 1,
  progress: 0.25,
  params: {},
  result: null,
  error: null,
  createdAt: 1,
  startedAt: 2,
  finishedAt: null,
};

function log(seq: number): JobLogDto {
  return { seq, at: 1000 + seq, level: 'info', message: `line ${String(seq)}` };
}

function run(actions: JobEventAction[], from: JobEventState = initialJobEventState): JobEventState {
  return actions.reduce(reduceJobEvent, from);
}

describe('parseJobEvent', () => {
  it('parses job, log and end events with the shared schemas', () => {
    expect(parseJobEvent('job', JSON.stringify(job))).toEqual({ type: 'job', job });
    expect(parseJobEvent('log', JSON.stringify(log(3)))).toEqual({ type: 'log', log: log(3) });
    expect(parseJobEvent('end', JSON.stringify({ status: 'succeeded' }))).toEqual({ type: 'end' });
  });

  it('turns malformed data into a problem instead of throwing', () => {
    expect(parseJobEvent('job', '{oops').type).toBe('problem');
    expect(parseJobEvent('job', JSON.stringify({ ...job, progress: 7 })).type).toBe('problem');
    expect(parseJobEvent('log', JSON.stringify({ seq: 0 })).type).toBe('problem');
    expect(parseJobEvent('surprise', '{}')).toEqual({ type: 'problem', message: "The job stream sent an unknown event 'surprise'" });
  });
});

describe('reduceJobEvent', () => {
  it('keeps the newest job row and marks the end', () => {
    const state = run([
      { type: 'job', job },
      { type: 'job', job: { ...job, progress: 0.5 } },
      { type: 'job', job: { ...job, status: 'succeeded', progress: 1 } },
      { type: 'end' },
    ]);
    expect(state.job?.status).toBe('succeeded');
    expect(state.ended).toBe(true);
  });

  it('orders log lines by seq and drops repeats (a reconnect resending a line)', () => {
    const state = run([1, 2, 2, 4, 3, 1].map((seq) => ({ type: 'log', log: log(seq) })));
    expect(state.logs.map((line) => line.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps only the newest lines', () => {
    const actions: JobEventAction[] = Array.from({ length: MAX_LOG_LINES + 10 }, (_, index) => ({ type: 'log', log: log(index + 1) }));
    const state = run(actions);
    expect(state.logs).toHaveLength(MAX_LOG_LINES);
    expect(state.logs[0]?.seq).toBe(11);
  });

  it('clears a problem on the next job event, and reset starts over', () => {
    const broken = run([{ type: 'problem', message: 'refused' }]);
    expect(broken.problem).toBe('refused');
    expect(run([{ type: 'job', job }], broken).problem).toBeNull();
    expect(run([{ type: 'log', log: log(1) }, { type: 'end' }, { type: 'reset' }])).toEqual(initialJobEventState);
  });
});
