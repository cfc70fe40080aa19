import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser session cookie: an opaque `whs_…` token; the database keeps only its hash. @public */
export const SESSION_COOKIE = 'whittle_session';

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it), Path=/,
 * and Secure whenever the request came over HTTPS (plain HTTP on loopback would never send a Secure cookie back).
 * @public
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, ttlMs: number): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

/** Expires the session cookie in the browser. @public */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' });
}
