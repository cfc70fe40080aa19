import { jobResultSchema, type JobDto } from '@whittle/shared';
import type { JSX } from 'react';
import { shortId } from '../../ui/format.ts';

/** What a finished job produced: its variants (download) and benchmark count. @public */
export function JobResultLinks({ job }: { readonly job: JobDto }): JSX.Element | null {
  const result = jobResultSchema.safeParse(job.result);
  if (!result.success) return null;
  const { variantIds, benchmarkIds } = result.data;
  if (variantIds.length === 0 && benchmarkIds.length === 0) return null;
  return (
    <p data-testid="job-result">
      {variantIds.length > 0 && (
        <>
          New variants:{' '}
          {variantIds.map((id, index) => (
            <span key={id}>
              {index > 0 && ', '}
              <a href={`/api/variants/${id}/model`} title={id}>
                {shortId(id)}
              </a>
            </span>
          ))}
          .{' '}
        </>
      )}
      {benchmarkIds.length > 0 && <>{benchmarkIds.length} benchmark result(s) stored.</>}
    </p>
  );
}
