import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReadyModel } from './helpers/seed.ts';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// Catalogue a.1 rows 8–10, 12 and 17: content-type tricks, oversized and poisoned JSON, traversal in ids, and job
// parameters out of range. Each is refused with a stable code and no state change.

let t: TestApp;
let projectId: string;
let variantId: string;

beforeAll(async () => {
  t = await startTestApp();
  projectId = (await t.app.inject({ method: 'POST', url: '/api/projects', headers: t.admin.headers, payload: { name: 'json' } })).json<{ id: string }>().id;
  variantId = (await seedReadyModel(t.app, projectId)).original.id;
});
afterAll(() => t.close());

function postRaw(url: string, body: string | Buffer, contentType: string | undefined) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...t.admin.headers, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    payload: body,
  });
}

async function projectCount(): Promise<number> {
  return (await t.app.repos.projects.listForOwner(t.admin.user.id)).length;
}

describe('content types on JSON routes (rows 8, 9)', () => {
  it.each([
    ['a tab and text after the type', 'application/json\tx'],
    ['a leading space', ' application/json'],
    ['text after the type', 'application/json garbage'],
    ['a look-alike type', 'application/jsonx'],
    ['text/plain carrying JSON', 'text/plain'],
    ['text/plain with a charset', 'text/plain; charset=utf-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no content type', undefined],
  ])('refuses %s with 415 and changes nothing', async (_what, contentType) => {
    const before = await projectCount();
    const response = await postRaw('/api/projects', JSON.stringify({ name: 'sneaky' }), contentType);
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_UNSUPPORTED_MEDIA' } });
    expect(await projectCount()).toBe(before);
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON ;', 'APPLICATION/JSON;charset=UTF-8'])(
    'parses and validates %j',
    async (contentType) => {
      expect((await postRaw('/api/projects', JSON.stringify({ name: 'ok' }), contentType)).statusCode).toBe(201);
      const invalid = await postRaw('/api/projects', JSON.stringify({ name: '' }), contentType);
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json()).toMatchObject({ error: { code: 'API_ERR_VALIDATION' } });
    },
  );
});

describe('JSON bodies (row 10)', () => {
  it('refuses a body over 1 MiB with 413', async () => {
    const response = await postRaw('/api/projects', JSON.stringify({ name: 'x'.repeat(1024 * 1024) }), 'application/json');
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_TOO_LARGE' } });
  });

  it.each([
    ['__proto__', '{"name":"p","__proto__":{"isAdmin":true}}'],
    ['constructor.prototype', '{"name":"p","constructor":{"prototype":{"isAdmin":true}}}'],
  ])('refuses a %s key with 400', async (_what, body) => {
    const response = await postRaw('/api/projects', body, 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_BAD_REQUEST', message: expect.stringMatching(/__proto__|prototype/) as string } });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('refuses malformed JSON and unknown keys with 400', async () => {
    expect((await postRaw('/api/projects', '{"name":', 'application/json')).json()).toMatchObject({ error: { code: 'API_ERR_BAD_REQUEST' } });
    const unknown = await postRaw('/api/projects', JSON.stringify({ name: 'p', owner: 'someone else' }), 'application/json');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('owner');
  });

  it('treats an empty JSON body as no body (400 where one is required)', async () => {
    const response = await postRaw('/api/projects', '', 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_VALIDATION' } });
  });
});

describe('ids in paths (row 12)', () => {
  it.each([
    '/api/projects/%2e%2e%2f',
    '/api/projects/%2e%2e%2fetc%2fpasswd',
    '/api/projects/%252E%252E%252F',
    '/api/models/..%5c..%5cwin.ini',
    '/api/models/abc%23fragment',
    '/api/models/abc%3Fq=1',
    '/api/variants/00000000-0000-4000-8000-00000000000G',
    '/api/jobs/00000000-0000-4000-8000-000000000000%00',
    `/api/jobs/${'a'.repeat(99)}`,
  ])('refuses %s before any lookup (400 or 404)', async (url) => {
    const response = await t.app.inject({ method: 'GET', url, headers: t.admin.headers });
    expect([400, 404]).toContain(response.statusCode);
    expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^API_ERR_(VALIDATION|NOT_FOUND|BAD_REQUEST)$/);
  });

  it('refuses a 10 000-character id as too long (414) without a lookup', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/jobs/${'a'.repeat(10_000)}`, headers: t.admin.headers });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_BAD_REQUEST' } });
  });

  it('names the bad parameter', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/projects/%2e%2e%2f', headers: t.admin.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_VALIDATION', message: expect.stringContaining('params/projectId') as string } });
  });
});

describe('job parameters (row 17)', () => {
  const create = (body: unknown) => t.app.inject({ method: 'POST', url: `/api/projects/${projectId}/jobs`, headers: t.admin.headers, payload: body as object });

  it.each([
    ['prune ratio 1.5', { kind: 'prune', params: { variantId: '', plan: { version: 1, ratio: 1.5 } } }, 'body/params/plan/ratio'],
    ['benchmark threads 0', { kind: 'benchmark', params: { variantId: '', threads: [0] } }, 'body/params/threads/0'],
    ['benchmark batch size 0', { kind: 'benchmark', params: { variantId: '', batchSizes: [0] } }, 'body/params/batchSizes/0'],
    ['a 10 000-element array', { kind: 'benchmark', params: { variantId: '', batchSizes: Array.from({ length: 10_000 }, () => 1) } }, 'body/params/batchSizes'],
    ['minRuns above maxRuns', { kind: 'benchmark', params: { variantId: '', minRuns: 50, maxRuns: 10 } }, 'body/params/minRuns'],
    ['an unknown parameter', { kind: 'prune', params: { variantId: '', plan: { version: 1, ratio: 0.5 }, sparsity: 1.5 } }, 'sparsity'],
    ['an unknown plan key', { kind: 'prune', params: { variantId: '', plan: { version: 1, ratio: 0.5, bits: 3 } } }, 'bits'],
    ['an unknown top-level key', { kind: 'prune', params: { variantId: '', plan: { version: 1, ratio: 0.5 } }, priority: 9 }, 'priority'],
    ['a negative seed', { kind: 'benchmark', params: { variantId: '', seed: -1 } }, 'body/params/seed'],
    ['an analyze job', { kind: 'analyze', params: { modelId: '' } }, 'body/kind'],
    ['a bad recipe step', { kind: 'recipe', params: { variantId: '', recipe: { version: 1, steps: [{ kind: 'quantize', bits: 64 }] } } }, 'body/params/recipe/steps/0'],
  ])('refuses %s with 400 naming the field', async (_what, body, field) => {
    const params = (body as { params: Record<string, unknown> }).params;
    if ('variantId' in params) params.variantId = variantId;
    if ('modelId' in params) params.modelId = variantId;
    const before = (await t.app.repos.jobs.listForProject(projectId)).length;
    const response = await create(body);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_ERR_VALIDATION', message: expect.stringContaining(field) as string } });
    expect((await t.app.repos.jobs.listForProject(projectId)).length).toBe(before);
  });

  it('refuses different idempotency keys in header and body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/projects/${projectId}/jobs`,
      headers: { ...t.admin.headers, 'idempotency-key': 'a' },
      payload: { kind: 'prune', params: { variantId, plan: { version: 1, ratio: 0.5 } }, idempotencyKey: 'b' },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('errors never leak internals', () => {
  it('answers a failing handler with a fixed 500 message', async () => {
    // A corrupt row (invalid JSON in a column) makes the store throw; the client learns nothing about it.
    const { job } = await t.app.repos.jobs.create({ projectId, kind: 'analyze', payload: { modelId: projectId } });
    await t.app.db.exec("UPDATE jobs SET payload_json = '{broken' WHERE id = $1", [job.id]);
    const response = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}`, headers: t.admin.headers });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'API_ERR_INTERNAL', message: 'Internal server error' } });
    expect(response.body).not.toMatch(/payload_json|SELECT|\/tmp|whittle-api-|at \S+:\d+/);
  });
});
