import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { installErrorHandlers, sendFrameworkError } from './http/error-handlers.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { studioPageRoutes } from './routes/studio-page.ts';
import { apiVersion } from './version.ts';

/** @public */
export interface BuildAppOptions {
  /** Fastify logger settings; off unless given, so tests stay quiet. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The version the health check reports; this package's version unless given. */
  readonly version?: string;
}

/** Requests carry no bodies yet; the upload routes raise this for their own paths only. */
const bodyLimitBytes = 1024 * 1024;

/**
 * Builds the API without listening, so tests can drive it with `app.inject` (Fastify testing guide).
 * @public
 */
export function buildApp(options: BuildAppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    frameworkErrors: sendFrameworkError,
  });
  installSecurityHeaders(app);
  installErrorHandlers(app);
  void app.register(studioPageRoutes);
  void app.register(healthRoutes, { version: options.version ?? apiVersion });
  return app;
}
