import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { benchmarkDtoSchema, jobDtoSchema, jobLogDtoSchema, type JobDto } from '@whittle/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longBenchmarkParams } from './support/long-benchmark.ts';
import { PADDLE_CLS, readPaddleModel } from './support/paddle.ts';
import { ADMIN_TOKEN_LINE, readEvents, sha256Hex, StudioClient } from './support/studio-client.ts';
import { startStudio, type ServiceProcess } from './support/studio-process.ts';

// The whole studio as `npm start` runs it (launcher → API + worker, real Redis, SQLite, sandboxed onnxruntime), driven
// over HTTP: upload → analyze → prune → variant → benchmark → download, and a recipe watched over SSE.

let studio: ServiceProcess;
let client: StudioClient;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'whittle-e2e-flow-'));
  studio = await startStudio(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      WHITTLE_DATA_DIR: dataDir,
      WHITTLE_QUEUE_PREFIX: `e2e-${randomUUID()}`,
      WHITTLE_SKIP_WEB_BUILD: '1',
      // One slot: a job waits for the one before it, so the cancel test can see the slot freed.
      WHITTLE_WORKER_CONCURRENCY: '1',
    },
    60_000,
  );
  const token = ADMIN_TOKEN_LINE.exec(studio.output())?.[1];
  if (token === undefined) throw new Error(`no first-run admin token printed:\n${studio.output()}`);
  client = new StudioClient(studio.ready, token);
}, 90_000);

afterAll(async () => {
  const ended = await studio.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  expect(ended, studio.output()).toEqual({ code: 0, signal: null });
}, 60_000);

function ortInput(bytes: Uint8Array): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
}

describe('the studio over HTTP', () => {
  let projectId: string;
  let originalId: string;
  let prunedId: string;
  const clsBytes = readPaddleModel(PADDLE_CLS.file);

  it('validates an upload in the worker and offers its graph, groups and original variant', async () => {
    projectId = (await client.createProject('e2e flow')).id;
    const { model, job } = await client.uploadModel(projectId, clsBytes, 'cls.onnx');
    expect(model).toMatchObject({ status: 'validating', sha256: sha256Hex(clsBytes), sizeBytes: clsBytes.byteLength });
    expect(job.kind).toBe('analyze');
    const done = await client.waitForJob(job.id, 60_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded' });

    const ready = await client.model(model.id);
    expect(ready.status).toBe('ready');
    expect(ready.originalVariantId).not.toBeNull();
    originalId = ready.originalVariantId ?? '';
    const original = await client.variant(originalId);
    expect(original).toMatchObject({ step: 0, parentVariantId: null, status: 'ready', sha256: sha256Hex(clsBytes) });

    const graph = (await client.json('GET', `/api/models/${model.id}/graph`, undefined, 200)) as { nodes: unknown[] };
    expect(graph.nodes.length).toBeGreaterThan(50);
    const groups = (await client.json('GET', `/api/models/${model.id}/groups`, undefined, 200)) as { groups: unknown[] };
    expect(groups.groups.length).toBeGreaterThan(0);
  });

  it('prunes the original into a smaller variant whose download matches its sha256 and runs in onnxruntime', async () => {
    const job = await client.createJob(projectId, {
      kind: 'prune',
      params: { variantId: originalId, plan: { version: 1, ratio: 0.5, roundTo: 8 }, inputShapes: { x: PADDLE_CLS.shape } },
    });
    const done = await client.waitForJob(job.id, 60_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded' });
    const variantIds = (done.result as { variantIds: string[] }).variantIds;
    expect(variantIds).toHaveLength(1);
    prunedId = variantIds[0] ?? '';

    const [original, pruned] = await Promise.all([client.variant(originalId), client.variant(prunedId)]);
    expect(pruned).toMatchObject({ status: 'ready', parentVariantId: originalId, step: 1, jobId: job.id });
    expect(pruned.metrics.params).toBeLessThan(original.metrics.params);

    const bytes = await client.download(`/api/variants/${prunedId}/model`);
    expect(sha256Hex(bytes)).toBe(pruned.sha256);
    expect(bytes.byteLength).toBe(pruned.metrics.fileBytes);
    const session = await ortInput(bytes);
    try {
      const input = new ort.Tensor('float32', new Float32Array(3 * 48 * 192).fill(0.5), [...PADDLE_CLS.shape]);
      const outputs = await session.run({ [PADDLE_CLS.input]: input });
      const first = Object.values(outputs)[0];
      expect(first?.dims).toEqual([1, 2]);
    } finally {
      await session.release();
    }
  });

  it('benchmarks the pruned variant on the worker and stores measured percentiles', async () => {
    const job = await client.createJob(projectId, {
      kind: 'benchmark',
      params: { variantId: prunedId, warmupRuns: 2, minRuns: 5, maxRuns: 30, maxSecondsPerSeries: 5, inputShapes: { x: PADDLE_CLS.shape } },
    });
    const done = await client.waitForJob(job.id, 60_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded' });
    const list = (await client.json('GET', `/api/variants/${prunedId}/benchmarks`, undefined, 200)) as unknown[];
    expect(list).toHaveLength(1);
    const benchmark = benchmarkDtoSchema.parse(list[0]);
    const series = benchmark.results.series[0];
    expect(series?.runs).toBeGreaterThanOrEqual(5);
    expect(series?.runs).toBeLessThanOrEqual(30);
    expect(series?.p50Ms).toBeGreaterThan(0);
    expect(series?.p50Ms).toBeLessThanOrEqual(series?.p99Ms ?? 0);
    expect(benchmark.results.runtime).toBe('onnxruntime-node');
  });

  it('runs a recipe as one job and streams its progress and logs in order over SSE', async () => {
    const job = await client.createJob(projectId, {
      kind: 'recipe',
      params: {
        variantId: originalId,
        recipe: {
          version: 1,
          steps: [
            { kind: 'prune', plan: { version: 1, ratio: 0.25 }, inputShapes: { x: PADDLE_CLS.shape } },
            { kind: 'benchmark', warmupRuns: 1, minRuns: 3, maxRuns: 10, maxSecondsPerSeries: 3, inputShapes: { x: PADDLE_CLS.shape } },
          ],
        },
      },
    });
    const response = await client.request('GET', `/api/jobs/${job.id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    expect(events.at(-1)?.event).toBe('end');

    const jobs: JobDto[] = events.filter((e) => e.event === 'job').map((e) => jobDtoSchema.parse(JSON.parse(e.data)));
    const progress = jobs.map((j) => j.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(jobs.at(-1)?.status).toBe('succeeded');
    const seqs = events.filter((e) => e.event === 'log').map((e) => jobLogDtoSchema.parse(JSON.parse(e.data)).seq);
    expect(seqs.length).toBeGreaterThan(0);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    const result = jobs.at(-1)?.result as { variantIds: string[]; benchmarkIds: string[] };
    expect(result.variantIds).toHaveLength(1);
    expect(result.benchmarkIds).toHaveLength(1);
    const variant = await client.variant(result.variantIds[0] ?? '');
    expect(variant).toMatchObject({ parentVariantId: originalId, step: 1, status: 'ready' });
  });

  it('cancels a running job through the API (the worker stops it and takes the next job), then retries it to success', async () => {
    const long = await client.createJob(projectId, {
      kind: 'benchmark',
      params: longBenchmarkParams(originalId, 6),
    });
    const deadline = Date.now() + 30_000;
    while ((await client.job(long.id)).status !== 'running') {
      if (Date.now() > deadline) throw new Error('the job never started');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cancelled = jobDtoSchema.parse(await client.json('POST', `/api/jobs/${long.id}/cancel`, undefined, 200));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.code).toBe('JOB_ERR_CANCELLED');
    // The worker aborts the task and frees its only slot: the next job starts within seconds, not after the 6 s the
    // cancelled benchmark would still have run; the cancelled one stays cancelled.
    const quick = await client.createJob(projectId, {
      kind: 'benchmark',
      params: { variantId: originalId, warmupRuns: 0, minRuns: 3, maxRuns: 3, inputShapes: { x: PADDLE_CLS.shape } },
    });
    const quickDone = await client.waitForJob(quick.id, 30_000);
    expect(quickDone.status).toBe('succeeded');
    expect((quickDone.startedAt ?? Infinity) - (cancelled.finishedAt ?? 0)).toBeLessThan(3500);
    expect(await client.job(long.id)).toMatchObject({ status: 'cancelled', attempt: 1 });
    const benchmarks = (await client.json('GET', `/api/variants/${originalId}/benchmarks`, undefined, 200)) as unknown[];
    expect(benchmarks.map((b) => benchmarkDtoSchema.parse(b)).some((b) => b.results.series[0]?.batchSize === 8)).toBe(false);

    const retried = jobDtoSchema.parse(await client.json('POST', `/api/jobs/${long.id}/retry`, undefined, 200));
    expect(retried.status).toBe('queued');
    const done = await client.waitForJob(long.id, 60_000);
    expect(done, JSON.stringify(done.error)).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(await client.json('POST', `/api/jobs/${long.id}/retry`, undefined, 409)).toMatchObject({ error: { code: 'API_ERR_CONFLICT' } });
  }, 90_000);
});
