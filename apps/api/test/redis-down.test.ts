import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDtoSchema } from '@whittle/shared';
import { fileUpload } from './helpers/multipart.ts';
import { readPaddleCls } from './helpers/paddle.ts';
import { CLOSED_REDIS_URL } from './helpers/redis.ts';
import { seedReadyModel } from './helpers/seed.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// Redis is only the delivery: with it down, the database rows stay `queued` (an outbox the worker's reconciler drains)
// and every route still answers; health says what is down instead of failing.

let t: TestApp;
let projectId: string;
let variantId: string;

beforeAll(async () => {
  t = await startTestApp({ redisUrl: CLOSED_REDIS_URL });
  projectId = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: t.admin.headers, payload: { name: 'offline' } })).json<{ id: string }>().id;
  variantId = (await seedReadyModel(t.app, projectId)).original.id;
});
afterAll(() => t.close());

describe('with Redis down', () => {
  it('reports redis down and no workers, with a 200', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, db: 'ok', redis: 'down', workers: 0 });
  });

  it('still accepts an upload quickly and leaves its analyze job queued in the database', async () => {
    const upload = fileUpload(readPaddleCls());
    const started = performance.now();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/models`,
      headers: { ...t.admin.headers, 'content-type': upload.contentType },
      payload: upload.body,
    });
    expect(response.statusCode).toBe(202);
    expect(performance.now() - started).toBeLessThan(2000);
    const job = jobDtoSchema.parse(response.json<{ job: unknown }>().job);
    expect((await t.app.repos.jobs.get(job.id))?.status).toBe('queued');
  });

  it('creates, cancels and retries jobs against the database alone', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/jobs`,
      headers: t.admin.headers,
      payload: { kind: 'prune', params: { variantId, plan: { version: 1, ratio: 0.5 } } },
    });
    expect(created.statusCode).toBe(201);
    const job = jobDtoSchema.parse(created.json());
    expect(job.status).toBe('queued');

    const cancelled = await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/cancel`, headers: t.admin.headers });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const retried = await t.app.inject({ method: 'POST', url: `/api/jobs/${job.id}/retry`, headers: t.admin.headers });
    expect(retried.json()).toMatchObject({ status: 'queued' });
    expect((await t.app.repos.jobs.listByStatus(['queued'])).map((j) => j.id)).toContain(job.id);
  });
});
