/**
 * The studio's QueryClient: an API answer of 4xx is final (retrying a 404 or a validation error only delays the
 * message), network failures and 5xx are retried twice; a 401 anywhere means the session ended, so the session query
 * is refreshed and the sign-in form comes back.
 */
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../api/client.ts';
import { queryKeys } from '../api/keys.ts';

function retry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** @public */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        const isSession = query.queryKey[0] === queryKeys.session[0];
        if (!isSession && error instanceof ApiRequestError && error.status === 401) void client.invalidateQueries({ queryKey: queryKeys.session });
      },
    }),
    defaultOptions: { queries: { retry, staleTime: 2000, refetchOnWindowFocus: true } },
  });
  return client;
}
