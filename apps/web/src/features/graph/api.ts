/** The model page's reads and its one write, through the app's single fetch wrapper and the shared schemas. */
import { createJobBodySchema, groupsReportSchema, inspectReportSchema, jobDtoSchema, modelDtoSchema, type JobDto, type PrunePlanDocument } from '@whittle/shared';
import { apiFetch } from '../../api/client.ts';
import { loadGraphView } from './loading/load-graph.ts';

const enc = encodeURIComponent;

/** TanStack Query keys and fetchers of the model page. The analysis never changes once a model is ready. @public */
export const modelQueries = {
  model: (id: string) => ({ queryKey: ['model', id], queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch(`/api/models/${enc(id)}`, modelDtoSchema, { signal }) }),
  graph: (id: string) => ({
    queryKey: ['model', id, 'graph'],
    // Fetched, parsed and validated in a worker: a 10k-node graph view is ~10 MB of JSON.
    queryFn: ({ signal }: { signal: AbortSignal }) => loadGraphView(`/api/models/${enc(id)}/graph`, signal),
    staleTime: Infinity,
    // Nothing to share with: the view never changes, and deep-comparing 10 MB would cost main-thread time.
    structuralSharing: false,
  }),
  groups: (id: string) => ({
    queryKey: ['model', id, 'groups'],
    queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch(`/api/models/${enc(id)}/groups`, groupsReportSchema, { signal }),
    staleTime: Infinity,
  }),
  inspect: (id: string) => ({
    queryKey: ['model', id, 'inspect'],
    queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch(`/api/models/${enc(id)}/inspect`, inspectReportSchema, { signal }),
    staleTime: Infinity,
  }),
};

/** Starts a prune job of the model's original variant. The body is checked with the API's own schema first. @public */
export function launchPruneJob(projectId: string, variantId: string, plan: PrunePlanDocument): Promise<JobDto> {
  const body = createJobBodySchema.parse({ kind: 'prune', params: { variantId, plan } });
  return apiFetch(`/api/projects/${enc(projectId)}/jobs`, jobDtoSchema, { method: 'POST', body });
}
