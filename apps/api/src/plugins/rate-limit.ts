import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';

/**
 * Per-client request limits (@fastify/rate-limit, in memory, keyed on `request.ip`, so `trustProxy` must be right
 * behind a proxy): the global limit on every route, tighter ones where a route sets `config.rateLimit`
 * ({@link perMinute}). Over the limit: 429 `API_ERR_RATE_LIMITED` with Retry-After.
 * @public
 */
export const rateLimitPlugin = fp(
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      max: app.config.rateLimits.globalPerMin,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new ApiError(429, ApiErrorCode.RateLimited, `Too many requests; retry in ${context.after}`, { 'retry-after': String(Math.ceil(context.ttl / 1000)) }),
    });
  },
  { name: 'whittle-rate-limit', dependencies: ['whittle-config'] },
);

/** A route's own limit (uploads, sign-in), replacing the global one for that route. @public */
export function perMinute(max: number): { readonly max: number; readonly timeWindow: number } {
  return { max, timeWindow: 60_000 };
}
