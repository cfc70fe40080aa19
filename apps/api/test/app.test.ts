import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiVersion } from '../src/version.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toMatch(/^default-src 'self'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('GET / without a web root', () => {
  it('serves the holding page with security headers, without credentials', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('Whittle studio — coming soon');
    expectSecurityHeaders(response.headers);
  });

  it('allows its inline style by hash only, never unsafe-inline', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);

    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.body).not.toMatch(/<script|https?:\/\//);
  });
});

describe('GET /api/health', () => {
  it('answers without credentials: version, database, Redis and live workers', async () => {
    await t.probe.heartbeat('w1');
    await t.probe.heartbeat('w2');
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, version: apiVersion, db: 'ok', redis: 'ok', workers: 2 });
    expect(response.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(response.headers);
  });
});

describe('errors', () => {
  it('answers an unknown route with the not-found error shape', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'API_ERR_NOT_FOUND', message: expect.any(String) as string } });
    expectSecurityHeaders(response.headers);
  });

  it('answers a malformed URL with a bad-request error', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/%zz' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_BAD_REQUEST' } });
    expectSecurityHeaders(response.headers);
  });
});
