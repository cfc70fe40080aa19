/**
 * Query keys in one place, so invalidation after a write or a finished job names exactly the lists it changed.
 * Everything of a project sits under `['project', id]`: invalidating that prefix refreshes the whole page.
 */
export const queryKeys = {
  session: ['session'] as const,
  projects: ['projects'] as const,
  project: (projectId: string) => ['project', projectId] as const,
  models: (projectId: string) => ['project', projectId, 'models'] as const,
  variants: (projectId: string) => ['project', projectId, 'variants'] as const,
  jobs: (projectId: string) => ['project', projectId, 'jobs'] as const,
  benchmarks: (projectId: string) => ['project', projectId, 'benchmarks'] as const,
  job: (jobId: string) => ['job', jobId] as const,
};
