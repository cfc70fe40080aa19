import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Headers every response carries. A route may set its own `content-security-policy` first (the studio page
 * adds a hash for its inline style); the defaults never overwrite a header that is already set.
 * @public
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * Sets each security header that the reply does not already carry.
 * @public
 */
export function applySecurityHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(securityHeaders)) {
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
}

/**
 * Adds the security headers to every reply of `app`, error and not-found replies included.
 * Registered on the root instance on purpose: an `onSend` hook there reaches every route.
 * @public
 */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    applySecurityHeaders(reply);
    done(null, payload);
  });
}
