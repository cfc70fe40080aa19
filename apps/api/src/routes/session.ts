import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { sessionDtoSchema, signInBodySchema } from '@whittle/shared';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth/session-cookie.ts';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { perMinute } from '../plugins/rate-limit.ts';
import { userDto } from '../dto.ts';

/**
 * The browser session: who am I, sign in with an API token (→ cookie), sign out. In loopback mode `GET` also gives
 * the local admin a session cookie, so the web app keeps a stable session.
 * @public
 */
export const sessionRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { sessions, users } = app.repos;
  const ttlMs = app.config.sessionTtlMs;

  app.get(
    '/api/session',
    {
      schema: {
        summary: 'Who the caller is and how they are signed in',
        tags: ['auth'],
        response: { 200: sessionDtoSchema, ...errorResponses(401) },
      },
    },
    async (request, response) => {
      const user = callerOf(request);
      const via = request.auth?.via ?? 'token';
      if (via === 'loopback') {
        const session = await sessions.create(user.id, ttlMs);
        setSessionCookie(request, response, session.token, ttlMs);
      }
      return { user: userDto(user), via };
    },
  );

  app.post(
    '/api/session',
    {
      config: { public: true, rateLimit: perMinute(app.config.rateLimits.signInPerMin) },
      schema: {
        summary: 'Sign in: exchange an API token for a session cookie',
        tags: ['auth'],
        security: [],
        body: signInBodySchema,
        response: { 200: sessionDtoSchema, ...errorResponses(400, 401, 415, 429) },
      },
    },
    async (request, response) => {
      const user = await users.verifyToken(request.body.token);
      if (user === undefined) {
        request.log.warn('sign-in with an invalid token');
        throw new ApiError(401, ApiErrorCode.Unauthorized, 'The API token is invalid or revoked');
      }
      const session = await sessions.create(user.id, ttlMs);
      setSessionCookie(request, response, session.token, ttlMs);
      return { user: userDto(user), via: 'session' as const };
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        summary: 'Sign out: end the browser session',
        tags: ['auth'],
        response: { 204: z.null().describe('Signed out'), ...errorResponses(401, 403) },
      },
    },
    async (request, response) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie !== undefined) await sessions.delete(cookie);
      clearSessionCookie(request, response);
      return response.code(204).send(null);
    },
  );
  done();
};
