import type { JobDto } from '@whittle/shared';
import type { JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { isActive, useJobs } from '../../api/queries.ts';
import { useJobEvents } from '../../api/use-job-events.ts';
import { ErrorView } from '../../ui/error-view.tsx';
import { formatTime } from '../../ui/format.ts';
import { Loading } from '../../ui/loading.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { jobTitle } from './job-title.ts';

/**
 * Live SSE streams per list. Browsers allow six HTTP/1.1 connections per host and the API a few streams per user, so
 * only the newest unfinished jobs stream; the others move with the list's refresh.
 */
const LIVE_STREAMS = 2;

function JobRow({ job, live }: { readonly job: JobDto; readonly live: boolean }): JSX.Element {
  // Its events land in the query cache, which re-renders this row with the new progress.
  useJobEvents(job.id, live);
  return (
    <tr data-testid="job-row" data-job-id={job.id} data-kind={job.kind} data-status={job.status}>
      <td>
        <a href={hrefOf({ name: 'job', jobId: job.id })}>{jobTitle(job)}</a>
      </td>
      <td>
        <StatusBadge status={job.status} />
        {job.error !== null && job.status === 'failed' && <div className="field-error">{job.error.message}</div>}
      </td>
      <td>
        <ProgressBar value={job.status === 'succeeded' ? 1 : job.progress} label={`Progress of ${jobTitle(job)}`} />
      </td>
      <td className="num">{job.attempt}</td>
      <td>{formatTime(job.createdAt)}</td>
    </tr>
  );
}

/** A project's jobs, newest first, with live progress. @public */
export function JobsList({ projectId }: { readonly projectId: string }): JSX.Element {
  const jobs = useJobs(projectId);
  if (jobs.isPending) return <Loading what="jobs" />;
  if (jobs.isError) return <ErrorView error={jobs.error} title="Jobs could not be loaded" onRetry={() => void jobs.refetch()} />;
  if (jobs.data.length === 0) return <p className="empty">No jobs yet: uploading a model starts its analysis; recipes start the rest.</p>;
  const liveIds = new Set(jobs.data.filter(isActive).slice(0, LIVE_STREAMS).map((job) => job.id));
  return (
    <table data-testid="jobs-table">
      <thead>
        <tr>
          <th>Job</th>
          <th>Status</th>
          <th>Progress</th>
          <th className="num">Attempt</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {jobs.data.map((job) => (
          <JobRow key={job.id} job={job} live={liveIds.has(job.id)} />
        ))}
      </tbody>
    </table>
  );
}
