import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDtoSchema, jobLogDtoSchema, modelDtoSchema, variantDtoSchema, type JobDto } from '@whittle/shared';
import type { Variant } from '@whittle/store';
import type { TestDatabases } from '../helpers/databases.ts';
import { fileUpload } from '../helpers/multipart.ts';
import { readPaddleCls, sha256Hex } from '../helpers/paddle.ts';
import { seedChildVariant, seedReadyModel } from '../helpers/seed.ts';
import { parseEvents } from '../helpers/sse.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

const CSRF = { 'x-whittle-csrf': '1' };

/** A prune job body on `variantId`. */
function pruneBody(variantId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'prune', params: { variantId, plan: { version: 1, ratio: 0.5 } }, ...extra };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The core routes, run unchanged on SQLite and on PostgreSQL: projects, upload, model reads, jobs (create, cancel,
 * retry, logs, events), variants (download, report), benchmarks, and owner isolation on each of them.
 */
export function defineCoreRouteSuite(makeDatabases: () => TestDatabases): void {
  const databases = makeDatabases();
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let projectId: string;
  let original: Variant;
  let modelId: string;

  beforeAll(async () => {
    t = await startTestApp({ database: (dataDir) => databases.fresh(dataDir), events: { pollMs: 50, heartbeatMs: 200 } });
    [alice, bob] = await Promise.all([t.createUser('alice'), t.createUser('bob')]);
    const created = await t.app.inject({ method: 'POST', url: '/api/projects', headers: alice.headers, payload: { name: 'detector' } });
    projectId = created.json<{ id: string }>().id;
    const seeded = await seedReadyModel(t.app, projectId);
    original = seeded.original;
    modelId = seeded.model.id;
  });
  afterAll(async () => {
    await t.close();
    await databases.cleanup();
  });

  const get = (url: string, user: TestUser) => t.app.inject({ method: 'GET', url, headers: user.headers });
  const post = (url: string, user: TestUser, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, headers: { ...user.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });

  describe(`projects (${databases.dialect})`, () => {
    it('creates, lists and reads the caller’s projects only', async () => {
      const created = await post('/api/projects', alice, { name: '  classifier  ' });
      expect(created.statusCode).toBe(201);
      const project = created.json<{ id: string; name: string; createdAt: number }>();
      expect(project).toEqual({ id: expect.any(String) as string, name: 'classifier', createdAt: expect.any(Number) as number });

      const list = await get('/api/projects', alice);
      expect(list.json<{ id: string }[]>().map((p) => p.id)).toEqual([projectId, project.id]);
      expect((await get(`/api/projects/${project.id}`, alice)).json()).toEqual(project);
      expect((await get('/api/projects', bob)).json()).toEqual([]);
    });

    it('answers 404, never 403, for another user’s project and everything in it', async () => {
      for (const url of [
        `/api/projects/${projectId}`,
        `/api/projects/${projectId}/models`,
        `/api/projects/${projectId}/variants`,
        `/api/projects/${projectId}/jobs`,
        `/api/projects/${projectId}/benchmarks`,
        `/api/projects/${projectId}/datasets`,
        `/api/models/${modelId}`,
        `/api/models/${modelId}/graph`,
        `/api/models/${modelId}/download`,
        `/api/variants/${original.id}`,
        `/api/variants/${original.id}/model`,
        `/api/variants/${original.id}/report`,
        `/api/variants/${original.id}/benchmarks`,
      ]) {
        const response = await get(url, bob);
        expect(response.statusCode, url).toBe(404);
        expect(response.json(), url).toMatchObject({ error: { code: 'API_ERR_NOT_FOUND' } });
      }
      const upload = fileUpload(readPaddleCls());
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/models`,
        headers: { ...bob.headers, 'content-type': upload.contentType },
        payload: upload.body,
      });
      expect(uploaded.statusCode).toBe(404);
      expect((await post(`/api/projects/${projectId}/jobs`, bob, pruneBody(original.id))).statusCode).toBe(404);
    });
  });

  describe(`model upload (${databases.dialect})`, () => {
    it('stores PaddleOCR cls, answers 202 with a validating model and queues its analyze job in Redis', async () => {
      const bytes = readPaddleCls();
      const upload = fileUpload(bytes, 'ch_ppocr_mobile_v2.0_cls_infer.onnx');
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/projects/${projectId}/models`,
        headers: { ...alice.headers, 'content-type': upload.contentType },
        payload: upload.body,
      });

      expect(response.statusCode, response.body).toBe(202);
      const body = response.json<{ model: unknown; job: unknown }>();
      const model = modelDtoSchema.parse(body.model);
      const job = jobDtoSchema.parse(body.job);
      expect(model).toMatchObject({ status: 'validating', name: 'ch_ppocr_mobile_v2.0_cls_infer.onnx', sha256: sha256Hex(bytes), sizeBytes: bytes.byteLength, originalVariantId: null });
      expect(job).toMatchObject({ kind: 'analyze', status: 'queued', params: { modelId: model.id }, projectId });
      expect(await t.app.artifacts.has(model.sha256)).toBe(true);
      expect(await t.probe.jobData('analyze', job.id)).toEqual({ jobId: job.id });

      const read = await get(`/api/models/${model.id}`, alice);
      expect(read.json()).toEqual(model);
      const graph = await get(`/api/models/${model.id}/graph`, alice);
      expect(graph.statusCode).toBe(409);
      expect(graph.json()).toMatchObject({ error: { code: 'API_ERR_CONFLICT', message: expect.stringMatching(/being validated/) as string } });
    });

    it('returns the first upload for a repeated Idempotency-Key: one model, one job', async () => {
      const upload = fileUpload(readPaddleCls(), 'again.onnx');
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: `/api/projects/${projectId}/models?name=retried`,
          headers: { ...alice.headers, 'content-type': upload.contentType, 'idempotency-key': 'upload-1' },
          payload: upload.body,
        });
      const first = await send();
      const second = await send();

      expect(first.statusCode).toBe(202);
      expect(second.statusCode).toBe(202);
      expect(second.json()).toEqual(first.json());
      const models = (await get(`/api/projects/${projectId}/models`, alice)).json<{ name: string }[]>();
      expect(models.filter((m) => m.name === 'retried')).toHaveLength(1);
    });

    it('serves a failed model’s reason as a 409 on its graph', async () => {
      const stored = await t.app.artifacts.put(Buffer.from('not really a model'));
      const model = await t.app.repos.models.create({ projectId, displayName: 'bad.onnx', sha256: stored.sha256, sizeBytes: stored.size, artifactKey: stored.key });
      await t.app.repos.models.markFailed(model.id, { code: 'ENGINE_ERR_DECODE', message: 'The bytes are not a protobuf ModelProto.' });

      const graph = await get(`/api/models/${model.id}/graph`, alice);
      expect(graph.statusCode).toBe(409);
      expect(graph.json<{ error: { message: string } }>().error.message).toContain('not a protobuf ModelProto');
      expect((await get(`/api/models/${model.id}`, alice)).json()).toMatchObject({ status: 'failed', error: { code: 'ENGINE_ERR_DECODE' } });
    });
  });

  describe(`ready models (${databases.dialect})`, () => {
    it('names the original variant and serves the stored graph, groups and inspect report', async () => {
      expect((await get(`/api/models/${modelId}`, alice)).json()).toMatchObject({ status: 'ready', originalVariantId: original.id });
      const graph = await get(`/api/models/${modelId}/graph`, alice);
      expect(graph.statusCode).toBe(200);
      expect(graph.json()).toMatchObject({ version: 1, nodes: [{ id: 'n0', opType: 'Relu' }] });
      expect((await get(`/api/models/${modelId}/groups`, alice)).json()).toMatchObject({ summary: { groups: 0 } });
      expect((await get(`/api/models/${modelId}/inspect`, alice)).json()).toMatchObject({ nodeCount: 1, opCounts: { Relu: 1 } });
    });

    it('downloads the uploaded bytes as an attachment with a safe name', async () => {
      const response = await get(`/api/models/${modelId}/download`, alice);

      expect(response.statusCode).toBe(200);
      expect(sha256Hex(response.rawPayload)).toBe(sha256Hex(readPaddleCls()));
      expect(response.headers['content-disposition']).toBe('attachment; filename="cls.onnx"');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-type']).toBe('application/octet-stream');
      expect(Number(response.headers['content-length'])).toBe(readPaddleCls().byteLength);
    });
  });

  describe(`jobs (${databases.dialect})`, () => {
    it('creates prune, benchmark and recipe jobs on a ready variant and queues each in its kind’s queue', async () => {
      const bodies = [
        pruneBody(original.id),
        { kind: 'benchmark', params: { variantId: original.id, threads: [1, 2], batchSizes: [1] } },
        { kind: 'recipe', params: { variantId: original.id, recipe: { version: 1, steps: [{ kind: 'prune', plan: { version: 1, ratio: 0.25 } }, { kind: 'benchmark' }] } } },
      ];
      for (const body of bodies) {
        const response = await post(`/api/projects/${projectId}/jobs`, alice, body);
        expect(response.statusCode, response.body).toBe(201);
        const job = jobDtoSchema.parse(response.json());
        expect(job).toMatchObject({ kind: body.kind, status: 'queued', attempt: 0, progress: 0 });
        expect(await t.probe.jobData(job.kind, job.id)).toEqual({ jobId: job.id });
      }
      const benchmark = (await get(`/api/projects/${projectId}/jobs`, alice)).json<JobDto[]>().find((j) => j.kind === 'benchmark');
      // Defaults are applied at the API: the stored params are what the worker will run.
      expect(benchmark?.params).toMatchObject({ threads: [1, 2], warmupRuns: 5, minRuns: 20, seed: 0 });
    });

    it('makes one job of a repeated Idempotency-Key (header or body)', async () => {
      const first = await post(`/api/projects/${projectId}/jobs`, alice, pruneBody(original.id), { 'idempotency-key': 'click-1' });
      const again = await post(`/api/projects/${projectId}/jobs`, alice, pruneBody(original.id), { 'idempotency-key': 'click-1' });
      const viaBody = await post(`/api/projects/${projectId}/jobs`, alice, pruneBody(original.id, { idempotencyKey: 'click-1' }));

      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(viaBody.statusCode).toBe(200);
      expect(again.json<JobDto>().id).toBe(first.json<JobDto>().id);
      expect(viaBody.json<JobDto>().id).toBe(first.json<JobDto>().id);
    });

    it('refuses a source variant outside the project (404) or not ready (409)', async () => {
      const other = (await post('/api/projects', alice, { name: 'other' })).json<{ id: string }>();
      expect((await post(`/api/projects/${other.id}/jobs`, alice, pruneBody(original.id))).statusCode).toBe(404);

      const { variant: building } = await t.app.repos.variants.create({ projectId, modelId, parentVariantId: original.id, step: 1, recipe: {}, engineVersion: 'test' });
      const response = await post(`/api/projects/${projectId}/jobs`, alice, pruneBody(building.id));
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'API_ERR_CONFLICT' } });
    });

    it('cancels a queued job: the row is cancelled and the job leaves Redis; a second cancel is 409', async () => {
      const job = (await post(`/api/projects/${projectId}/jobs`, alice, pruneBody(original.id))).json<JobDto>();
      expect(await t.probe.jobData('prune', job.id)).toBeDefined();

      const cancelled = await post(`/api/jobs/${job.id}/cancel`, alice);
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', error: { code: 'JOB_ERR_CANCELLED', message: 'Cancelled by the user' } });
      expect(await t.probe.jobData('prune', job.id)).toBeUndefined();
      expect((await t.app.repos.jobs.get(job.id))?.status).toBe('cancelled');

      const again = await post(`/api/jobs/${job.id}/cancel`, alice);
      expect(again.statusCode).toBe(409);
      expect((await post(`/api/jobs/${job.id}/cancel`, bob)).statusCode).toBe(404);
    });

    it('retries a failed job: queued again and back in Redis; retrying a queued job is 409', async () => {
      const { job } = await t.app.repos.jobs.create({ projectId, kind: 'prune', payload: { variantId: original.id, plan: { version: 1, ratio: 0.5 }, foldBatchNorm: false } });
      await t.app.repos.jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 });
      await t.app.repos.jobs.transition(job.id, { from: ['running'], to: 'failed', error: { code: 'JOB_ERR_CRASHED', message: 'crashed' } });

      const retried = await post(`/api/jobs/${job.id}/retry`, alice);
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ id: job.id, status: 'queued', error: null, progress: 0 });
      expect(await t.probe.jobData('prune', job.id)).toEqual({ jobId: job.id });
      expect((await post(`/api/jobs/${job.id}/retry`, alice)).statusCode).toBe(409);
    });

    it('serves logs after a seq', async () => {
      const { job } = await t.app.repos.jobs.create({ projectId, kind: 'analyze', payload: { modelId } });
      for (const message of ['one', 'two', 'three']) await t.app.repos.jobLogs.append(job.id, 'info', message);

      const response = await get(`/api/jobs/${job.id}/logs?after=1`, alice);
      expect(response.statusCode).toBe(200);
      expect(response.json<unknown[]>().map((line) => jobLogDtoSchema.parse(line).message)).toEqual(['two', 'three']);
      expect((await get(`/api/jobs/${job.id}/logs`, bob)).statusCode).toBe(404);
    });
  });

  describe(`job events (${databases.dialect})`, () => {
    it('streams progress and logs in order from the database, then the end, then closes', async () => {
      const { jobs, jobLogs } = t.app.repos;
      const { job } = await jobs.create({ projectId, kind: 'analyze', payload: { modelId } });
      const streamed = t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/events`, headers: alice.headers });

      await sleep(120);
      await jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 });
      await jobLogs.append(job.id, 'info', 'started');
      await sleep(120);
      await jobs.setProgress(job.id, 0.5, 1);
      await jobLogs.append(job.id, 'info', 'half way');
      await sleep(120);
      await jobLogs.append(job.id, 'info', 'done');
      await jobs.transition(job.id, { from: ['running'], to: 'succeeded', ifAttempt: 1, result: { variantIds: [], benchmarkIds: [] } });

      const response = await streamed;
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      const events = parseEvents(response.body);
      expect(events.at(-1)).toMatchObject({ event: 'end' });
      const jobsSeen = events.filter((e) => e.event === 'job').map((e) => jobDtoSchema.parse(JSON.parse(e.data)));
      expect(jobsSeen[0]?.status).toBe('queued');
      expect(jobsSeen.at(-1)).toMatchObject({ status: 'succeeded', progress: 1 });
      expect(jobsSeen.map((j) => j.progress)).toEqual([...jobsSeen.map((j) => j.progress)].sort((a, b) => a - b));
      expect(jobsSeen.some((j) => j.progress === 0.5)).toBe(true);
      const logs = events.filter((e) => e.event === 'log');
      expect(logs.map((e) => e.id)).toEqual(['1', '2', '3']);
      expect(logs.map((e) => jobLogDtoSchema.parse(JSON.parse(e.data)).message)).toEqual(['started', 'half way', 'done']);
      // Every log line of a step arrives before the job event that follows it in the database.
      const order = events.map((e) => (e.event === 'log' ? `log${e.id ?? ''}` : e.event));
      expect(order.indexOf('log3')).toBeLessThan(order.indexOf('end'));
    });

    it('resumes after Last-Event-ID (or ?after=) and ends at once for a finished job', async () => {
      const { jobs, jobLogs } = t.app.repos;
      const { job } = await jobs.create({ projectId, kind: 'analyze', payload: { modelId } });
      await jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 });
      for (const message of ['a', 'b', 'c', 'd']) await jobLogs.append(job.id, 'info', message);
      await jobs.transition(job.id, { from: ['running'], to: 'failed', error: { code: 'JOB_ERR_TIMEOUT', message: 'too slow' } });

      const resumed = await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/events`, headers: { ...alice.headers, 'last-event-id': '2' } });
      const events = parseEvents(resumed.body);
      expect(events.filter((e) => e.event === 'log').map((e) => e.id)).toEqual(['3', '4']);
      expect(events.map((e) => e.event)).toEqual(['job', 'log', 'log', 'end']);
      expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ status: 'failed', error: { code: 'JOB_ERR_TIMEOUT' } });

      const viaQuery = parseEvents((await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/events?after=3`, headers: alice.headers })).body);
      expect(viaQuery.filter((e) => e.event === 'log').map((e) => e.id)).toEqual(['4']);
      expect((await t.app.inject({ method: 'GET', url: `/api/jobs/${job.id}/events`, headers: bob.headers })).statusCode).toBe(404);
    });
  });

  describe(`variants (${databases.dialect})`, () => {
    let child: Variant;

    beforeAll(async () => {
      const { job } = await t.app.repos.jobs.create({ projectId, kind: 'prune', payload: {} });
      child = await seedChildVariant(t.app, original, Buffer.from('pruned model bytes, not parsed by the API'), job);
      const results = {
        runtime: 'onnxruntime-node',
        runtimeVersion: '1.30.0',
        executionProvider: 'cpu',
        cpuModel: 'test cpu',
        logicalCores: 2,
        peakRssBytes: 1000,
        sessionCreateMs: 5,
        series: [{ threads: 1, batchSize: 1, inputs: { x: [1, 3, 48, 192] }, warmupRuns: 1, runs: 10, stable: true, p50Ms: 1.5, p90Ms: 2, p99Ms: 2.5, minMs: 1, maxMs: 3, throughputPerSec: 666 }],
        notes: [],
      };
      await t.app.repos.benchmarks.create({ variantId: child.id, device: '=cmd|calc, "evil"', runtime: 'onnxruntime-node', results });
    });

    it('lists and reads variants with their lineage fields', async () => {
      const list = (await get(`/api/projects/${projectId}/variants`, alice)).json<unknown[]>().map((v) => variantDtoSchema.parse(v));
      expect(list.map((v) => v.id)).toContain(child.id);
      const read = variantDtoSchema.parse((await get(`/api/variants/${child.id}`, alice)).json());
      expect(read).toMatchObject({ parentVariantId: original.id, step: 1, status: 'ready', report: { kind: 'prune' } });
    });

    it('downloads a ready variant whose bytes hash to its sha256; a building one is 409', async () => {
      const response = await get(`/api/variants/${child.id}/model`, alice);
      expect(response.statusCode).toBe(200);
      expect(sha256Hex(response.rawPayload)).toBe(child.sha256);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="cls-step1-[0-9a-f]{8}\.onnx"$/);

      const { variant: building } = await t.app.repos.variants.create({ projectId, modelId, parentVariantId: child.id, step: 2, recipe: {}, engineVersion: 'test' });
      expect((await get(`/api/variants/${building.id}/model`, alice)).statusCode).toBe(409);
    });

    it('reports the lineage, metrics, step report and benchmarks as JSON', async () => {
      const response = await get(`/api/variants/${child.id}/report?format=json`, alice);
      expect(response.statusCode).toBe(200);
      const report = response.json<{ lineage: { id: string }[]; benchmarks: unknown[]; model: { id: string }; variant: { report: unknown } }>();
      expect(report.lineage.map((v) => v.id)).toEqual([original.id, child.id]);
      expect(report.model.id).toBe(modelId);
      expect(report.variant.report).toEqual({ kind: 'prune', removed: 12 });
      expect(report.benchmarks).toHaveLength(1);
    });

    it('reports as CSV with a header row and escaped values', async () => {
      const response = await get(`/api/variants/${child.id}/report?format=csv`, alice);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = response.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'variant_id,step,parent_variant_id,status,sha256,params,macs,weight_bytes,file_bytes,benchmark_device,benchmark_runtime,threads,batch_size,runs,p50_ms,p90_ms,p99_ms,throughput_per_sec',
      );
      expect(lines).toHaveLength(3);
      expect(lines[1]?.startsWith(`${original.id},0,,ready,`)).toBe(true);
      // A formula-looking device label is defused and quoted; its quotes doubled.
      expect(lines[2]).toContain(`"'=cmd|calc, ""evil"""`);
      expect((await get(`/api/variants/${child.id}/report?format=xml`, alice)).statusCode).toBe(400);
    });

    it('stores browser benchmark results for a ready variant and lists them per variant and project', async () => {
      const results = { runtime: 'onnxruntime-web', runtimeVersion: '1.30.0', executionProvider: 'wasm', cpuModel: 'browser', logicalCores: 8, peakRssBytes: 0, sessionCreateMs: 400, notes: [], series: [{ threads: 1, batchSize: 1, inputs: {}, warmupRuns: 2, runs: 20, stable: true, p50Ms: 3, p90Ms: 4, p99Ms: 5, minMs: 2, maxMs: 6, throughputPerSec: 333 }] };
      const created = await post(`/api/variants/${original.id}/benchmarks`, alice, { device: 'Laptop (Chromium)', runtime: 'onnxruntime-web', results });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ variantId: original.id, device: 'Laptop (Chromium)' });

      expect((await get(`/api/variants/${original.id}/benchmarks`, alice)).json<unknown[]>()).toHaveLength(1);
      expect((await get(`/api/projects/${projectId}/benchmarks`, alice)).json<unknown[]>()).toHaveLength(2);
      const bad = await post(`/api/variants/${original.id}/benchmarks`, alice, { device: 'x', runtime: 'y', results: { ...results, series: [] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { message: string } }>().error.message).toContain('body/results/series');
    });
  });

  describe(`sessions (${databases.dialect})`, () => {
    it('signs in with a token (cookie), needs the CSRF header for cookie writes, signs out', async () => {
      const signIn = await t.app.inject({ method: 'POST', url: '/api/session', payload: { token: alice.token } });
      expect(signIn.statusCode).toBe(200);
      const cookie = signIn.cookies.find((c) => c.name === 'whittle_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      const jar = { whittle_session: cookie?.value ?? '' };

      expect((await t.app.inject({ method: 'GET', url: '/api/session', cookies: jar })).json()).toMatchObject({ via: 'session', user: { id: alice.user.id } });
      const noCsrf = await t.app.inject({ method: 'POST', url: '/api/projects', cookies: jar, payload: { name: 'csrf' } });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json()).toMatchObject({ error: { code: 'API_ERR_FORBIDDEN' } });
      const withCsrf = await t.app.inject({ method: 'POST', url: '/api/projects', cookies: jar, headers: CSRF, payload: { name: 'csrf' } });
      expect(withCsrf.statusCode).toBe(201);

      const signOut = await t.app.inject({ method: 'DELETE', url: '/api/session', cookies: jar, headers: CSRF });
      expect(signOut.statusCode).toBe(204);
      expect((await t.app.inject({ method: 'GET', url: '/api/session', cookies: jar })).statusCode).toBe(401);
    });
  });
}
