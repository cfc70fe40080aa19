import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { createQueryClient } from './app/query-client.ts';
import { RouteView } from './app/route-view.tsx';
import { SessionGate } from './app/session-gate.tsx';
import { JobWatcher } from './features/jobs/job-watcher.tsx';
import { ToastProvider } from './ui/toasts.tsx';

/**
 * The studio's root: server state (TanStack Query), toasts, the session gate (sign-in when needed) and the hash-routed
 * screens.
 * @public
 */
export function App(): JSX.Element {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <JobWatcher />
        <SessionGate>
          <RouteView />
        </SessionGate>
      </ToastProvider>
    </QueryClientProvider>
  );
}
