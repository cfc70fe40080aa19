import fp from 'fastify-plugin';
import type { ApiConfig } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The settings this app was built with (env.ts in production, the test's own in tests). */
    readonly config: ApiConfig;
  }
}

/** Makes the config reachable from every plugin and route. @public */
export const configPlugin = fp<{ readonly config: ApiConfig }>(
  (app, options, done) => {
    app.decorate('config', options.config);
    done();
  },
  { name: 'whittle-config' },
);
