import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { apiVersion } from '../src/version.ts';

const apps: FastifyInstance[] = [];

function app(): FastifyInstance {
  const built = buildApp();
  apps.push(built);
  return built;
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((built) => built.close()));
});

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toMatch(/^default-src 'self'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('GET /', () => {
  it('serves the holding page with security headers', async () => {
    const response = await app().inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Whittle studio — coming soon');
    expect(response.body).toContain('upload, graph view and jobs arrive with the studio issues');
    expectSecurityHeaders(response.headers);
  });

  it('allows its inline style by hash only, never unsafe-inline', async () => {
    const response = await app().inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);

    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.body).not.toMatch(/<script|https?:\/\//);
  });
});

describe('GET /api/health', () => {
  it('answers ok with the package version', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/health' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ status: 'ok', version: apiVersion });
    expect(apiVersion).toMatch(/^\d+\.\d+\.\d+/);
    expectSecurityHeaders(response.headers);
  });

  it('reports the version it was built with', async () => {
    const built = buildApp({ version: '9.9.9-test' });
    apps.push(built);
    const response = await built.inject({ method: 'GET', url: '/api/health' });

    expect(response.json()).toEqual({ status: 'ok', version: '9.9.9-test' });
  });
});

describe('errors', () => {
  it('answers an unknown route with the not-found error shape', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/no-such-thing' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'API_ERR_NOT_FOUND', message: expect.any(String) as string } });
    expectSecurityHeaders(response.headers);
  });

  it('answers a malformed URL with a bad-request error', async () => {
    const response = await app().inject({ method: 'GET', url: '/%zz' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_BAD_REQUEST' } });
    expectSecurityHeaders(response.headers);
  });

  it('hides the stack trace and message of a route that throws', async () => {
    const built = app();
    const secret = 'secret detail at /srv/whittle/internal.ts:12';
    built.get('/boom', () => {
      throw new Error(secret);
    });

    const response = await built.inject({ method: 'GET', url: '/boom' });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'API_ERR_INTERNAL', message: 'Internal server error' } });
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toMatch(/\bat \S+:\d+/);
    expectSecurityHeaders(response.headers);
  });

  it('treats an async route that rejects as internal', async () => {
    const built = app();
    built.get('/boom', () => Promise.reject(new Error('rejected')));

    const response = await built.inject({ method: 'GET', url: '/boom' });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_INTERNAL' } });
  });
});
