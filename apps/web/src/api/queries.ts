/**
 * Typed TanStack Query hooks over the API: every answer is parsed with the shared zod DTO schemas, so a server/client
 * mismatch fails as an error state instead of rendering garbage.
 */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import {
  jobDtoSchema,
  modelDtoSchema,
  projectDtoSchema,
  sessionDtoSchema,
  TERMINAL_JOB_STATUSES,
  variantDtoSchema,
  type CreateJobBody,
  type JobDto,
  type ModelDto,
  type ProjectDto,
  type VariantDto,
} from '@whittle/shared';
import { z } from 'zod';
import { apiFetch, apiResponse } from './client.ts';
import { queryKeys } from './keys.ts';

/** @public */
export type SessionDto = z.infer<typeof sessionDtoSchema>;

/** How often lists with unfinished work refresh (a fallback beside the SSE streams, which are few per page). */
const ACTIVE_POLL_MS = 1500;

/** @public */
export function useSession(): UseQueryResult<SessionDto> {
  return useQuery({ queryKey: queryKeys.session, queryFn: ({ signal }) => apiFetch('/api/session', sessionDtoSchema, { signal }), retry: false, staleTime: Infinity });
}

/** @public */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => apiFetch('/api/session', sessionDtoSchema, { method: 'POST', body: { token } }),
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}

/** @public */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiResponse('/api/session', { method: 'DELETE' }),
    // Back to a blank state: the session query refetches (401 → the sign-in form; loopback → signed in again).
    onSuccess: () => queryClient.resetQueries(),
  });
}

/** @public */
export function useProjects(): UseQueryResult<ProjectDto[]> {
  return useQuery({ queryKey: queryKeys.projects, queryFn: ({ signal }) => apiFetch('/api/projects', z.array(projectDtoSchema), { signal }) });
}

/** @public */
export function useProject(projectId: string): UseQueryResult<ProjectDto> {
  return useQuery({ queryKey: queryKeys.project(projectId), queryFn: ({ signal }) => apiFetch(`/api/projects/${projectId}`, projectDtoSchema, { signal }) });
}

/** @public */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch('/api/projects', projectDtoSchema, { method: 'POST', body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

/** A project's models; refreshes while one is still validating (the analyze job decides). @public */
export function useModels(projectId: string): UseQueryResult<ModelDto[]> {
  return useQuery({
    queryKey: queryKeys.models(projectId),
    queryFn: ({ signal }) => apiFetch(`/api/projects/${projectId}/models`, z.array(modelDtoSchema), { signal }),
    refetchInterval: (query) => (query.state.data?.some((model) => model.status === 'validating') === true ? ACTIVE_POLL_MS : false),
  });
}

/** @public */
export function useVariants(projectId: string): UseQueryResult<VariantDto[]> {
  return useQuery({
    queryKey: queryKeys.variants(projectId),
    queryFn: ({ signal }) => apiFetch(`/api/projects/${projectId}/variants`, z.array(variantDtoSchema), { signal }),
  });
}

/** Whether a job can still change. @public */
export function isActive(job: JobDto): boolean {
  return !TERMINAL_JOB_STATUSES.includes(job.status);
}

/** A project's jobs, newest first; refreshes while one is unfinished. @public */
export function useJobs(projectId: string): UseQueryResult<JobDto[]> {
  return useQuery({
    queryKey: queryKeys.jobs(projectId),
    queryFn: ({ signal }) => apiFetch(`/api/projects/${projectId}/jobs`, z.array(jobDtoSchema), { signal }),
    refetchInterval: (query) => (query.state.data?.some(isActive) === true ? ACTIVE_POLL_MS : false),
  });
}

/** @public */
export function useJob(jobId: string): UseQueryResult<JobDto> {
  return useQuery({ queryKey: queryKeys.job(jobId), queryFn: ({ signal }) => apiFetch(`/api/jobs/${jobId}`, jobDtoSchema, { signal }) });
}

/** Creates a prune, benchmark or recipe job; the project's jobs list shows it at once. @public */
export function useCreateJob(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJobBody) => apiFetch(`/api/projects/${projectId}/jobs`, jobDtoSchema, { method: 'POST', body }),
    onSuccess: (job) => {
      queryClient.setQueryData(queryKeys.job(job.id), job);
      return queryClient.invalidateQueries({ queryKey: queryKeys.jobs(projectId) });
    },
  });
}

/** Cancel or retry: both answer the job's new row. @public */
export function useJobAction(action: 'cancel' | 'retry') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => apiFetch(`/api/jobs/${jobId}/${action}`, jobDtoSchema, { method: 'POST' }),
    onSuccess: (job) => {
      queryClient.setQueryData(queryKeys.job(job.id), job);
      return queryClient.invalidateQueries({ queryKey: queryKeys.jobs(job.projectId) });
    },
  });
}
