import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUpload } from './helpers/multipart.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// Catalogue a.1 row 16 and (d) 1: per-client limits answer 429 with Retry-After; other clients are unaffected.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ rateLimits: { globalPerMin: 5, uploadsPerMin: 2, signInPerMin: 3 } });
});
afterAll(() => t.close());

describe('rate limits', () => {
  it('answers the request past the global limit with 429 and Retry-After; another client is unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/api/projects', headers: t.admin.headers })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

    const limited = await t.app.inject({ method: 'GET', url: '/api/projects', headers: t.admin.headers });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'API_ERR_RATE_LIMITED', message: expect.stringMatching(/retry in/) as string } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const other = await t.app.inject({ method: 'GET', url: '/api/projects', headers: t.admin.headers, remoteAddress: '10.1.2.3' });
    expect(other.statusCode).toBe(200);
  });

  it('limits sign-in attempts more tightly', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.9.9.9', payload: { token: 'guess' } })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('limits uploads per client', async () => {
    const project = (
      await t.app.inject({ method: 'POST', url: '/api/projects', remoteAddress: '10.7.7.7', headers: t.admin.headers, payload: { name: 'p' } })
    ).json<{ id: string }>();
    const upload = fileUpload(Buffer.from([0x08, 0x07, 1, 2, 3]));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${project.id}/models`,
        remoteAddress: '10.7.7.7',
        headers: { ...t.admin.headers, 'content-type': upload.contentType },
        payload: upload.body,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([202, 202, 429]);
  });
});
