import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { User } from '@whittle/store';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';
import { isLoopbackAddress, isLoopbackHostHeader } from '../auth/loopback.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';

/** How the caller proved who they are. @public */
export type AuthVia = 'token' | 'session' | 'loopback';

/** The signed-in caller. @public */
export interface Auth {
  readonly user: User;
  readonly via: AuthVia;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, once the auth hook ran; null on public routes without credentials. */
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials (health, sign-in). Everything else under /api needs them. */
    public?: boolean;
  }
}

/** How often expired sessions are deleted. */
const SESSION_SWEEP_MS = 3_600_000;

/** Methods that change state: with ambient credentials (cookie, loopback) they need the CSRF header. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authentication for every `/api` route but the public ones: a Bearer API token, else the session cookie, else — in
 * loopback mode only — the local admin for a request from a loopback address whose Host is a loopback name (a
 * DNS-rebinding page carries its own host name). Writes authenticated by cookie or loopback must carry
 * `X-Whittle-CSRF: 1`: a custom header forces a CORS preflight, which the allow-list refuses cross-site.
 *
 * Runs as a `preParsing` hook: after the route's rate limit (an `onRequest` hook) and before any body is read, so an
 * unauthenticated upload is refused without touching its bytes.
 * @public
 */
export const authPlugin = fp(
  (app, _options, done) => {
    const { users, sessions } = app.repos;
    let localAdmin: User | undefined;

    async function authenticate(request: FastifyRequest): Promise<Auth | null> {
      const header = request.headers.authorization;
      if (header !== undefined) {
        // Explicit credentials that fail are a failure, even when a cookie would have worked.
        const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header);
        const user = match?.[1] === undefined ? undefined : await users.verifyToken(match[1]);
        if (user === undefined) throw unauthorized(request, 'The API token is invalid or revoked');
        return { user, via: 'token' };
      }
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie !== undefined) {
        const user = await sessions.verify(cookie);
        if (user !== undefined) return { user, via: 'session' };
      }
      if (app.config.loopbackAdmin && isLoopbackAddress(request.ip) && isLoopbackHostHeader(request.headers.host)) {
        localAdmin ??= await users.firstAdmin();
        if (localAdmin !== undefined) return { user: localAdmin, via: 'loopback' };
      }
      return null;
    }

    // Expired sessions are refused by the query already; removing their rows keeps the table small.
    const sweep = setInterval(() => {
      sessions.deleteExpired().catch((error: unknown) => {
        app.log.warn({ err: error }, 'expired session sweep failed');
      });
    }, SESSION_SWEEP_MS);
    sweep.unref();
    app.addHook('onClose', (_instance, hookDone) => {
      clearInterval(sweep);
      hookDone();
    });

    app.decorateRequest('auth', null);
    app.addHook('preParsing', async (request, _reply, payload) => {
      if (!needsAuth(request)) return payload;
      const auth = await authenticate(request);
      if (auth === null) throw unauthorized(request, 'Sign in first: send an API token as Authorization: Bearer <token>');
      if (WRITES.has(request.method) && auth.via !== 'token' && request.headers['x-whittle-csrf'] !== '1') {
        request.log.warn({ userId: auth.user.id, via: auth.via }, 'write without the CSRF header refused');
        throw new ApiError(403, ApiErrorCode.Forbidden, 'Writes from a browser session need the header X-Whittle-CSRF: 1');
      }
      request.auth = auth;
      return payload;
    });
    done();
  },
  { name: 'whittle-auth', dependencies: ['whittle-config', 'whittle-db', '@fastify/cookie'] },
);

/** Every `/api` route needs credentials except public ones, the docs and unknown routes (which answer 404). */
function needsAuth(request: FastifyRequest): boolean {
  if (request.method === 'OPTIONS' || request.is404) return false;
  // The matched route's pattern, not the raw URL: encodings of the path cannot dodge the check.
  const path = request.routeOptions.url ?? '';
  if (!path.startsWith('/api/')) return false;
  if (path === '/api/docs' || path.startsWith('/api/docs/')) return false;
  return request.routeOptions.config.public !== true;
}

function unauthorized(request: FastifyRequest, message: string): ApiError {
  request.log.warn({ url: request.routeOptions.url }, 'authentication failed');
  return new ApiError(401, ApiErrorCode.Unauthorized, message, { 'www-authenticate': 'Bearer' });
}

/** The caller of a route behind the auth hook (never null there). @public */
export function callerOf(request: FastifyRequest): User {
  if (request.auth === null) throw new ApiError(401, ApiErrorCode.Unauthorized, 'Sign in first');
  return request.auth.user;
}
