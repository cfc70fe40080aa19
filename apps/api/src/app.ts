import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiConfig } from './config.ts';
import { installErrorHandlers, sendFrameworkError } from './http/error-handlers.ts';
import { installJsonBodyParser } from './http/json-body.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { authPlugin } from './plugins/auth.ts';
import { configPlugin } from './plugins/config.ts';
import { corsPlugin } from './plugins/cors.ts';
import { dbPlugin } from './plugins/db.ts';
import { openApiPlugin } from './plugins/openapi.ts';
import { queuesPlugin } from './plugins/queues.ts';
import { rateLimitPlugin } from './plugins/rate-limit.ts';
import { storagePlugin } from './plugins/storage.ts';
import { benchmarkRoutes } from './routes/benchmarks.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { healthRoutes } from './routes/health.ts';
import { jobEventRoutes } from './routes/job-events.ts';
import { jobRoutes } from './routes/jobs.ts';
import { modelUploadRoutes } from './routes/model-upload.ts';
import { modelRoutes } from './routes/models.ts';
import { projectRoutes } from './routes/projects.ts';
import { sessionRoutes } from './routes/session.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { userRoutes } from './routes/users.ts';
import { variantRoutes } from './routes/variants.ts';
import { readWebIndex, spaFallback, webAppRoutes } from './routes/web-app.ts';
import { apiVersion } from './version.ts';

/** @public */
export interface BuildAppOptions {
  readonly config: ApiConfig;
  /** Fastify logger settings; off unless given, so tests stay quiet. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The version the health check and the docs report; this package's version unless given. */
  readonly version?: string;
}

/**
 * Builds the API without listening, so tests drive it with `app.inject` (Fastify testing guide); `server.ts` listens.
 * Infrastructure comes as plugins (config, db, storage, queues, auth), then one encapsulated plugin per feature.
 * @public
 */
export function buildApp(options: BuildAppOptions): FastifyInstance {
  const { config } = options;
  const version = options.version ?? apiVersion;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    // Fastify's hardening list (catalogue §2): bounded request time, idle sockets closed, 503 while closing,
    // prototype poisoning refused, no proxy trusted unless configured.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    return503OnClosing: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: config.trustProxy,
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installSecurityHeaders(app);
  installErrorHandlers(app, config.webRoot === undefined ? undefined : spaFallback(readWebIndex(config.webRoot)));
  installJsonBodyParser(app);

  void app.register(configPlugin, { config });
  void app.register(dbPlugin);
  void app.register(storagePlugin);
  void app.register(queuesPlugin);
  void app.register(cookie);
  void app.register(corsPlugin);
  void app.register(rateLimitPlugin);
  void app.register(authPlugin);
  void app.register(openApiPlugin, { version });

  void app.register(healthRoutes, { version });
  void app.register(sessionRoutes);
  void app.register(tokenRoutes);
  void app.register(userRoutes);
  void app.register(projectRoutes);
  void app.register(modelUploadRoutes);
  void app.register(modelRoutes);
  void app.register(datasetRoutes);
  void app.register(variantRoutes);
  void app.register(jobRoutes);
  void app.register(jobEventRoutes);
  void app.register(benchmarkRoutes);
  void app.register(webAppRoutes, { webRoot: config.webRoot });
  return app;
}
