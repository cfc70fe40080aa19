import fp from 'fastify-plugin';
import cors from '@fastify/cors';

/**
 * Cross-origin access for the configured origins only, with credentials; never `*` (the @fastify/cors default) and
 * never a reflected origin. Without configured origins nothing is registered: browsers keep the same-origin policy,
 * and a cross-site preflight for the CSRF header gets no approval.
 * @public
 */
export const corsPlugin = fp(
  async (app) => {
    const origins = app.config.corsOrigins;
    if (origins.length === 0) return;
    await app.register(cors, {
      origin: [...origins],
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'last-event-id', 'x-whittle-csrf'],
      exposedHeaders: ['retry-after', 'content-disposition'],
      maxAge: 600,
    });
  },
  { name: 'whittle-cors', dependencies: ['whittle-config'] },
);
