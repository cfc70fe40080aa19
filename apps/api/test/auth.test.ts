import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfig } from '../src/config.ts';
import { bearer, startTestApp, type TestApp, type TestUser } from './helpers/test-app.ts';

const CSRF = { 'x-whittle-csrf': '1' };

describe('authentication with tokens', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob] = await Promise.all([t.createUser('alice'), t.createUser('bob')]);
  });
  afterAll(() => t.close());

  it.each([
    ['GET', '/api/projects'],
    ['POST', '/api/projects'],
    ['GET', '/api/session'],
    ['GET', '/api/tokens'],
    ['GET', '/api/jobs/00000000-0000-4000-8000-000000000000'],
    ['GET', '/api/jobs/00000000-0000-4000-8000-000000000000/events'],
    ['POST', '/api/projects/00000000-0000-4000-8000-000000000000/models'],
  ] as const)('answers 401 to %s %s without credentials', async (method, url) => {
    const response = await t.app.inject({ method, url });

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_UNAUTHORIZED' } });
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it.each([
    ['a malformed header', 'Basic YWxpY2U6cGFzcw=='],
    ['an unknown token', `Bearer wht_${'A'.repeat(43)}`],
    ['a session token used as an API token', `Bearer whs_${'A'.repeat(43)}`],
  ])('answers 401 to %s', async (_what, authorization) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/projects', headers: { authorization } });
    expect(response.statusCode).toBe(401);
  });

  it('keeps health, sign-in and the docs public', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/session', payload: { token: 'wrong' } })).statusCode).toBe(401);
  });

  it('lists tokens without secrets, issues one shown once, and refuses it once revoked', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: alice.headers, payload: { label: 'ci' } });
    expect(issued.statusCode).toBe(201);
    const { id, token } = issued.json<{ id: string; token: string }>();
    expect(token).toMatch(/^wht_[A-Za-z0-9_-]{43}$/);
    expect(issued.headers['cache-control']).toBe('no-store');

    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(token) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('wht_');
    expect(list.json<{ label: string }[]>().map((t) => t.label)).toEqual(['first token', 'ci']);

    // Bob cannot revoke Alice's token: it is not his (404, no existence leak).
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: bob.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: alice.headers })).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/projects', headers: bearer(token) });
    expect(revoked.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: alice.headers })).statusCode).toBe(404);
  });

  it('answers another user’s job with 404', async () => {
    const project = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: alice.headers, payload: { name: 'p' } })).json<{ id: string }>();
    const { job } = await t.app.repos.jobs.create({ projectId: project.id, kind: 'analyze', payload: { modelId: project.id } });
    for (const [method, url] of [
      ['GET', `/api/jobs/${job.id}`],
      ['GET', `/api/jobs/${job.id}/logs`],
      ['GET', `/api/jobs/${job.id}/events`],
      ['POST', `/api/jobs/${job.id}/cancel`],
      ['POST', `/api/jobs/${job.id}/retry`],
    ] as const) {
      const response = await t.app.inject({ method, url, headers: bob.headers });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers: alice.headers })).statusCode).toBe(200);
  });

  it('lets only an admin create users', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/api/users', headers: alice.headers, payload: { name: 'mallory' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'API_ERR_FORBIDDEN' } });
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: t.admin.headers, payload: { name: 'carol' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ user: { name: 'carol', isAdmin: false }, token: expect.stringMatching(/^wht_/) as string });
  });

  it('does not need the CSRF header for token-authenticated writes', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/projects', headers: alice.headers, payload: { name: 'no csrf needed' } });
    expect(response.statusCode).toBe(201);
  });

  it('refuses the local admin when loopback mode is off, even from 127.0.0.1 to localhost', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/session', remoteAddress: '127.0.0.1', headers: { host: 'localhost:8080' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('loopback mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ loopbackAdmin: true });
  });
  afterAll(() => t.close());

  it('is on for loopback binds only', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(apiConfig({ dataDir: '/d', host }).loopbackAdmin).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) expect(apiConfig({ dataDir: '/d', host }).loopbackAdmin).toBe(false);
  });

  it.each(['localhost', 'localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST'])(
    'treats a loopback request with Host %s as the admin and gives it a session cookie',
    async (host) => {
      const response = await t.app.inject({ method: 'GET', url: '/api/session', remoteAddress: '127.0.0.1', headers: { host } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ via: 'loopback', user: { id: t.admin.user.id, isAdmin: true } });
      const cookie = response.cookies.find((c) => c.name === 'whittle_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookie?.secure).toBeUndefined();
      const again = await t.app.inject({ method: 'GET', url: '/api/session', cookies: { whittle_session: cookie?.value ?? '' }, headers: { host: 'elsewhere.example' } });
      expect(again.json()).toMatchObject({ via: 'session' });
    },
  );

  it.each([
    ['a DNS-rebinding Host', '127.0.0.1', 'evil.example'],
    ['a rebinding Host with a loopback-looking prefix', '127.0.0.1', 'localhost.evil.example'],
    ['a remote address', '192.168.1.20', 'localhost:8080'],
    ['a remote IPv6 address', '2001:db8::1', 'localhost'],
  ])('refuses %s', async (_what, remoteAddress, host) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/projects', remoteAddress, headers: { host } });
    expect(response.statusCode).toBe(401);
  });

  it('accepts IPv6 and mapped IPv4 loopback peers', async () => {
    for (const remoteAddress of ['::1', '::ffff:127.0.0.1']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/projects', remoteAddress, headers: { host: 'localhost' } });
      expect(response.statusCode, remoteAddress).toBe(200);
    }
  });

  it('needs X-Whittle-CSRF for loopback writes', async () => {
    const base = { method: 'POST' as const, url: '/api/projects', remoteAddress: '127.0.0.1', payload: { name: 'local' } };
    const refused = await t.app.inject({ ...base, headers: { host: 'localhost' } });
    expect(refused.statusCode).toBe(403);
    const wrong = await t.app.inject({ ...base, headers: { host: 'localhost', 'x-whittle-csrf': 'yes' } });
    expect(wrong.statusCode).toBe(403);
    const allowed = await t.app.inject({ ...base, headers: { host: 'localhost', ...CSRF } });
    expect(allowed.statusCode).toBe(201);
  });

  it('prefers explicit credentials: a bad token is 401 even from loopback', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/projects', remoteAddress: '127.0.0.1', headers: { host: 'localhost', authorization: 'Bearer nope' } });
    expect(response.statusCode).toBe(401);
  });

  it('sets a Secure cookie when the request came over HTTPS', async () => {
    // Behind a TLS-terminating proxy that Fastify trusts, request.protocol is https.
    const proxied = await startTestApp({ loopbackAdmin: false, trustProxy: '127.0.0.1' });
    try {
      const response = await proxied.app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { token: proxied.admin.token },
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'whittle_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (app: TestApp['app'], origin: string) =>
    app.inject({
      method: 'OPTIONS',
      url: '/api/projects',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-whittle-csrf, content-type' },
    });

  it('approves no cross-site preflight by default (same origin only)', async () => {
    const t = await startTestApp();
    try {
      const response = await preflight(t.app, 'https://evil.example');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('approves listed origins only, with credentials, never *', async () => {
    const t = await startTestApp({ corsOrigins: ['https://studio.example'] });
    try {
      const allowed = await preflight(t.app, 'https://studio.example');
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://studio.example');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      expect(String(allowed.headers['access-control-allow-headers'])).toContain('x-whittle-csrf');

      const refused = await preflight(t.app, 'https://evil.example');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
