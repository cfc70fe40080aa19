import { useId, useState, type JSX } from 'react';
import { useSignIn } from '../api/queries.ts';
import { ErrorView } from '../ui/error-view.tsx';

/**
 * Sign-in for deployments that are not loopback-only: paste an API token (`wht_…`, printed on first run or issued
 * under Tokens); the API exchanges it for an HttpOnly session cookie, so the token is not kept in the page.
 * @public
 */
export function SignInForm(): JSX.Element {
  const signIn = useSignIn();
  const [token, setToken] = useState('');
  const inputId = useId();
  return (
    <form
      className="sign-in section"
      onSubmit={(event) => {
        event.preventDefault();
        signIn.mutate(token.trim());
      }}
    >
      <h1 className="page-title">Sign in to Whittle studio</h1>
      <p className="hint">Paste an API token. The first-run admin token is printed once by the server when it starts.</p>
      <div className="inline-form">
        <label htmlFor={inputId}>API token</label>
        <input id={inputId} type="password" autoComplete="off" value={token} onChange={(event) => { setToken(event.target.value); }} required />
        <button type="submit" className="primary" disabled={signIn.isPending || token.trim() === ''}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      {signIn.isError && <ErrorView error={signIn.error} title="Sign-in failed" />}
    </form>
  );
}
