import type { FastifyPluginCallback } from 'fastify';
import { studioHoldingPageCsp, studioHoldingPageHtml } from '../pages/studio-holding-page.ts';

/**
 * `GET /`: the studio's holding page.
 * @public
 */
export const studioPageRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get('/', (_request, reply) => {
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', studioHoldingPageCsp)
      .header('cache-control', 'no-cache')
      .send(studioHoldingPageHtml);
  });
  done();
};
