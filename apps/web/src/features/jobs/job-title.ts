import type { JobDto } from '@whittle/shared';
import { shortId } from '../../ui/format.ts';

const KIND_LABELS: Record<JobDto['kind'], string> = {
  analyze: 'Analyze',
  prune: 'Prune',
  benchmark: 'Benchmark',
  recipe: 'Recipe',
};

/** "Prune job 1a2b3c4d": how toasts and lists name a job. @public */
export function jobTitle(job: Pick<JobDto, 'kind' | 'id'>): string {
  return `${KIND_LABELS[job.kind]} job ${shortId(job.id)}`;
}
