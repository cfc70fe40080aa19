import { useState, type JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { isActive, useJob, useJobAction } from '../../api/queries.ts';
import { useJobEvents } from '../../api/use-job-events.ts';
import { Breadcrumbs } from '../../ui/breadcrumbs.tsx';
import { ErrorView } from '../../ui/error-view.tsx';
import { formatTime } from '../../ui/format.ts';
import { Section } from '../../ui/layout.tsx';
import { Loading } from '../../ui/loading.tsx';
import { ProgressBar } from '../../ui/progress-bar.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { JobLog } from './job-log.tsx';
import { JobResultLinks } from './job-result-links.tsx';
import { jobTitle } from './job-title.ts';

/** `#/jobs/:jobId`: status, live progress and logs (SSE), cancel and retry, and what the job produced. @public */
export function JobPage({ jobId }: { readonly jobId: string }): JSX.Element {
  const job = useJob(jobId);
  // A retry restarts a job whose stream had ended: a new generation opens a new stream.
  const [generation, setGeneration] = useState(0);
  const events = useJobEvents(jobId, job.isSuccess, generation);
  const cancel = useJobAction('cancel');
  const retry = useJobAction('retry');

  if (job.isPending) return <Loading what="the job" />;
  if (job.isError) return <ErrorView error={job.error} title="The job could not be loaded" onRetry={() => void job.refetch()} />;
  const current = job.data;
  const active = isActive(current);
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Projects', href: hrefOf({ name: 'projects' }) },
          { label: 'Project', href: hrefOf({ name: 'project', projectId: current.projectId }) },
        ]}
      />
      <h1 className="page-title" data-testid="job-title">
        {jobTitle(current)}
      </h1>
      <Section
        title="Status"
        actions={
          <div className="recipe-actions">
            <button type="button" className="danger" disabled={!active || cancel.isPending} onClick={() => { cancel.mutate(jobId); }}>
              {cancel.isPending ? 'Cancelling…' : 'Cancel job'}
            </button>
            <button
              type="button"
              disabled={active || current.status === 'succeeded' || retry.isPending}
              onClick={() => { retry.mutate(jobId, {
                  onSuccess: () => { setGeneration((value) => value + 1); },
                }); }
              }
            >
              {retry.isPending ? 'Retrying…' : 'Retry job'}
            </button>
          </div>
        }
      >
        <dl className="job-meta" data-testid="job-status" data-status={current.status}>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={current.status} /> {active && !events.ended && <span className="hint">live</span>}
          </dd>
          <dt>Progress</dt>
          <dd>
            <ProgressBar value={current.status === 'succeeded' ? 1 : current.progress} label="Job progress" testId="job-progress" />
          </dd>
          <dt>Attempt</dt>
          <dd>{current.attempt}</dd>
          <dt>Created</dt>
          <dd>{formatTime(current.createdAt)}</dd>
          {current.finishedAt !== null && (
            <>
              <dt>Finished</dt>
              <dd>{formatTime(current.finishedAt)}</dd>
            </>
          )}
          {current.error !== null && (
            <>
              <dt>Error</dt>
              <dd className="field-error" data-testid="job-error">
                {current.error.message} <code>{current.error.code}</code>
              </dd>
            </>
          )}
        </dl>
        {cancel.isError && <ErrorView error={cancel.error} title="Cancel failed" />}
        {retry.isError && <ErrorView error={retry.error} title="Retry failed" />}
        {events.problem !== null && <ErrorView error={new Error(events.problem)} />}
        {current.status === 'succeeded' && <JobResultLinks job={current} />}
        <details>
          <summary>Parameters</summary>
          <pre className="job-params">{JSON.stringify(current.params, null, 2)}</pre>
        </details>
      </Section>
      <Section title="Log">
        <JobLog logs={events.logs} />
      </Section>
    </>
  );
}
