import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';

/** @public */
export const healthBodySchema = z.object({
  /** The API can serve requests (its database answers). */
  ok: z.boolean(),
  version: z.string(),
  db: z.enum(['ok', 'down']),
  /** Jobs still queue in the database while Redis is down; workers pick them up when it is back. */
  redis: z.enum(['ok', 'down']),
  /** Workers with a live heartbeat key (0 when Redis cannot be asked). */
  workers: z.number().int().nonnegative(),
});

/** @public */
export type HealthBody = z.infer<typeof healthBodySchema>;

/**
 * `GET /api/health`: public. Reports Redis and the workers instead of failing with them; 503 only when the
 * database, without which nothing works, does not answer.
 * @public
 */
export const healthRoutes: FastifyPluginCallbackZod<{ readonly version: string }> = (app, options, done) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        summary: 'Health of the API, its database, Redis and the workers',
        tags: ['health'],
        security: [],
        response: { 200: healthBodySchema, 503: healthBodySchema },
      },
    },
    async (_request, reply) => {
      const db = await app.db.query('SELECT 1 AS one').then(
        () => 'ok' as const,
        () => 'down' as const,
      );
      const workers = await app.jobQueues.liveWorkers();
      const body: HealthBody = {
        ok: db === 'ok',
        version: options.version,
        db,
        redis: app.jobQueues.isUp() ? 'ok' : 'down',
        workers: workers ?? 0,
      };
      return reply.code(body.ok ? 200 : 503).header('cache-control', 'no-store').send(body);
    },
  );
  done();
};
