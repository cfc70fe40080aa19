import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';

/**
 * The docs page's CSP: the app's defaults plus `data:` images (Swagger UI's icons). Scripts and styles stay
 * `'self'` — the UI ships them as files — so nothing here allows inline code.
 */
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * OpenAPI from the routes' zod schemas (the same schemas validate requests and shape responses), served as JSON at
 * `/api/docs/json` and as Swagger UI at `/api/docs`. Registered before the routes: it collects them as they are added.
 * @public
 */
export const openApiPlugin = fp<{ readonly version: string }>(
  async (app, options) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Whittle studio API',
          version: options.version,
          description:
            'Upload ONNX models, prune and benchmark them as jobs, compare the variants. Errors are ' +
            '`{ error: { code, message } }` with a stable `API_ERR_*` code.',
        },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`wht_…`).' },
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: SESSION_COOKIE,
              description: 'Browser session (POST /api/session); writes also need the header X-Whittle-CSRF: 1.',
            },
          },
        },
        security: [{ bearer: [] }, { session: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      staticCSP: DOCS_CSP,
      uiConfig: { validatorUrl: null, deepLinking: false },
    });
  },
  { name: 'whittle-openapi' },
);
