/**
 * Live events of one job over `EventSource` (`GET /api/jobs/:id/events`). Each `job` event is also written into the
 * query cache (the job and its project's list), so every view of the job moves together and the toaster sees the
 * transition; `end` closes the stream (EventSource would otherwise reconnect forever) and refreshes the project, whose
 * models and variants the job may have changed.
 */
import { useEffect, useReducer } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { JobDto } from '@whittle/shared';
import { JOB_EVENT_NAMES } from '@whittle/shared';
import { initialJobEventState, parseJobEvent, reduceJobEvent, type JobEventState } from './job-events.ts';
import { queryKeys } from './keys.ts';

/** Writes a fresh job row into the cache: its own entry and its place in the project's list. @public */
export function putJob(queryClient: QueryClient, job: JobDto): void {
  queryClient.setQueryData(queryKeys.job(job.id), job);
  queryClient.setQueryData<JobDto[]>(queryKeys.jobs(job.projectId), (list) => list?.map((row) => (row.id === job.id ? job : row)));
}

/**
 * Follows a job while `enabled`; `generation` reopens the stream (after a retry, which restarts a job whose stream
 * had ended).
 * @public
 */
export function useJobEvents(jobId: string, enabled: boolean, generation = 0): JobEventState {
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(reduceJobEvent, initialJobEventState);

  useEffect(() => {
    if (!enabled) return undefined;
    dispatch({ type: 'reset' });
    const source = new EventSource(`/api/jobs/${jobId}/events`);
    let projectId: string | undefined;
    const listeners = JOB_EVENT_NAMES.map((name) => {
      const listener = (event: MessageEvent<string>): void => {
        const action = parseJobEvent(name, event.data);
        dispatch(action);
        if (action.type === 'job') {
          projectId = action.job.projectId;
          putJob(queryClient, action.job);
        }
        if (action.type === 'end') {
          source.close();
          if (projectId !== undefined) void queryClient.invalidateQueries({ queryKey: queryKeys.project(projectId) });
        }
      };
      source.addEventListener(name, listener);
      return [name, listener] as const;
    });
    // A dropped connection reconnects by itself (readyState CONNECTING); CLOSED means the server refused the stream.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) dispatch({ type: 'problem', message: 'The live job stream was refused; refresh to try again.' });
    };
    return () => {
      for (const [name, listener] of listeners) source.removeEventListener(name, listener);
      source.close();
    };
  }, [jobId, enabled, generation, queryClient]);

  return state;
}
