import type { FastifyPluginCallback } from 'fastify';

/** @public */
export interface HealthRoutesOptions {
  /** The version the health check reports. */
  readonly version: string;
}

/**
 * The health check's body.
 * @public
 */
export interface HealthBody {
  readonly status: 'ok';
  readonly version: string;
}

/**
 * `GET /api/health`: answers while the process can serve requests.
 * @public
 */
export const healthRoutes: FastifyPluginCallback<HealthRoutesOptions> = (app, options, done) => {
  const body: HealthBody = { status: 'ok', version: options.version };
  app.get('/api/health', (_request, reply) => reply.header('cache-control', 'no-store').send(body));
  done();
};
