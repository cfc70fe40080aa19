import type { JSX, ReactNode } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { useSession, useSignOut, type SessionDto } from '../api/queries.ts';
import { ErrorView } from '../ui/error-view.tsx';
import { Layout } from '../ui/layout.tsx';
import { Loading } from '../ui/loading.tsx';
import { SignInForm } from './sign-in-form.tsx';

function UserBadge({ session }: { readonly session: SessionDto }): JSX.Element {
  const signOut = useSignOut();
  return (
    <>
      <span data-testid="current-user" title={session.via === 'loopback' ? 'Signed in as the local admin (loopback mode)' : undefined}>
        Signed in as <strong>{session.user.name}</strong>
        {session.user.isAdmin && session.user.name !== 'admin' ? ' (admin)' : ''}
      </span>
      {/* A loopback admin has no session to end: the next request signs it in again. */}
      {session.via === 'session' && (
        <button type="button" onClick={() => { signOut.mutate(); }} disabled={signOut.isPending}>
          Sign out
        </button>
      )}
    </>
  );
}

/**
 * Asks the API who the browser is (`GET /api/session`; in loopback mode this signs the local admin in) and shows the
 * studio, the sign-in form on 401, or the error.
 * @public
 */
export function SessionGate({ children }: { readonly children: ReactNode }): JSX.Element {
  const session = useSession();
  if (session.isPending) {
    return (
      <Layout>
        <Loading what="your session" />
      </Layout>
    );
  }
  if (session.isError) {
    const unauthorized = session.error instanceof ApiRequestError && session.error.status === 401;
    return <Layout>{unauthorized ? <SignInForm /> : <ErrorView error={session.error} title="The studio cannot start" onRetry={() => void session.refetch()} />}</Layout>;
  }
  return <Layout user={<UserBadge session={session.data} />}>{children}</Layout>;
}
