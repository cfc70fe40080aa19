import { useQueryClient } from '@tanstack/react-query';
import { jobDtoSchema, TERMINAL_JOB_STATUSES, type JobDto, type JobStatus } from '@whittle/shared';
import { useEffect } from 'react';
import { hrefOf } from '../../app/router.ts';
import { queryKeys } from '../../api/keys.ts';
import { isActive } from '../../api/queries.ts';
import { useToast } from '../../ui/toast-context.ts';
import { jobTitle } from './job-title.ts';

/** Jobs in a cached value: one job, or a list of them; anything else yields none. */
function jobsIn(data: unknown): JobDto[] {
  const list = Array.isArray(data) ? data : [data];
  return list.flatMap((value) => {
    const job = jobDtoSchema.safeParse(value);
    return job.success ? [job.data] : [];
  });
}

/**
 * Reacts when a job the page saw unfinished ends — whatever brought the news (an SSE event, a list refresh, a cancel):
 * a toast with the outcome, and a refresh of the job's project, whose models and variants the job may have changed.
 * It watches the query cache, so it needs no wiring from the screens and never toasts old jobs on load.
 * @public
 */
export function JobWatcher(): null {
  const queryClient = useQueryClient();
  const toast = useToast();
  useEffect(() => {
    const seen = new Map<string, JobStatus>();
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'success') return;
      for (const job of jobsIn(event.query.state.data)) {
        const before = seen.get(job.id);
        seen.set(job.id, job.status);
        if (before === undefined || TERMINAL_JOB_STATUSES.includes(before) || isActive(job)) continue;
        void queryClient.invalidateQueries({ queryKey: queryKeys.project(job.projectId) });
        const link = { href: hrefOf({ name: 'job', jobId: job.id }), linkText: 'View job' };
        if (job.status === 'succeeded') toast({ kind: 'success', text: `${jobTitle(job)} succeeded.`, ...link });
        else if (job.status === 'failed') toast({ kind: 'error', text: `${jobTitle(job)} failed: ${job.error?.message ?? 'no reason given'}`, ...link });
        else toast({ kind: 'info', text: `${jobTitle(job)} was cancelled.`, ...link });
      }
    });
  }, [queryClient, toast]);
  return null;
}
