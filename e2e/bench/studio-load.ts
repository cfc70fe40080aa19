/**
 * Server benchmark (W3): metadata endpoints at 100 concurrent connections (autocannon, loopback, bounded), enqueue
 * latency, and queued → running latency when a worker slot is free. Prints a table for docs/benchmarks.md.
 *
 *   pnpm --filter @whittle/e2e bench:server [--seconds 10] [--jobs 20]
 *
 * Targets from the issue: metadata p99 < 50 ms; queued → running < 2 s. Figures are measured on this machine in one
 * run; they are not tests (noisy shared vCPUs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_TOKEN_LINE, StudioClient } from '../tests/support/studio-client.ts';
import { PADDLE_CLS, readPaddleModel } from '../tests/support/paddle.ts';
import { LISTENING_LINE, startService, type ServiceProcess } from '../tests/support/studio-process.ts';
import { autocannon, percentile, type LoadResult } from './measure.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, jobs: { type: 'string', default: '20' } } });
const seconds = Number(values.seconds);
const jobCount = Number(values.jobs);

const dataDir = mkdtempSync(join(tmpdir(), 'whittle-bench-server-'));
const env = {
  PORT: '0',
  WHITTLE_DATA_DIR: dataDir,
  WHITTLE_QUEUE_PREFIX: `bench-${randomUUID()}`,
  // The load generator is one client: the per-IP limit would answer 429s instead of measuring the handlers.
  WHITTLE_RATE_LIMIT_PER_MIN: '1000000',
  WHITTLE_WORKER_CONCURRENCY: '1',
};
const services: ServiceProcess[] = [];

function row(name: string, r: LoadResult): string {
  return `| ${name} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.non2xx + r.errors} |`;
}

try {
  const api = await startService({ entry: 'apps/api/src/server.ts', env, readyLine: LISTENING_LINE, timeoutMs: 60_000 });
  services.push(api);
  services.push(await startService({ entry: 'apps/worker/src/main.ts', env, readyLine: /(Whittle worker\b.*)/, timeoutMs: 60_000 }));
  const token = ADMIN_TOKEN_LINE.exec(api.output())?.[1];
  if (token === undefined) throw new Error('no admin token printed');
  const client = new StudioClient(api.ready, token);

  const project = await client.createProject('bench');
  const { model, job } = await client.uploadModel(project.id, readPaddleModel(PADDLE_CLS.file), 'cls.onnx');
  await client.waitForJob(job.id, 60_000);
  const ready = await client.model(model.id);
  const variantId = ready.originalVariantId ?? '';

  const headers = { authorization: `Bearer ${token}` };
  const endpoints: [string, string][] = [
    ['GET /api/projects/:id', `/api/projects/${project.id}`],
    ['GET /api/models/:id', `/api/models/${model.id}`],
    ['GET /api/variants/:id', `/api/variants/${variantId}`],
    ['GET /api/jobs/:id', `/api/jobs/${job.id}`],
    ['GET /api/projects/:id/jobs', `/api/projects/${project.id}/jobs`],
    ['GET /api/health', '/api/health'],
  ];
  const lines = [
    `Metadata endpoints, 100 connections × ${String(seconds)} s each (autocannon, loopback); latency in ms:`,
    '',
    '| endpoint | requests | req/s | p50 | p90 | p99 | max | non-2xx |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, path] of endpoints) {
    lines.push(row(name, await autocannon(`${api.ready}${path}`, { connections: 100, seconds, headers })));
    console.log(lines.at(-1));
  }

  // queued → running: one job at a time with the worker idle, so every job finds a free slot. Both stamps come from
  // the database (created_at by the API, started_at by the worker's compare-and-set), on one clock.
  const waits: number[] = [];
  const enqueue: number[] = [];
  for (let i = 0; i < jobCount; i += 1) {
    const started = performance.now();
    const created = await client.createJob(project.id, {
      kind: 'benchmark',
      params: { variantId, warmupRuns: 0, minRuns: 3, maxRuns: 3, inputShapes: { x: PADDLE_CLS.shape } },
    });
    enqueue.push(performance.now() - started);
    const done = await client.waitForJob(created.id, 60_000);
    if (done.startedAt === null) throw new Error(`job ${done.id} never started (${done.status})`);
    waits.push(done.startedAt - done.createdAt);
  }
  lines.push(
    '',
    `Jobs (${String(jobCount)} benchmark jobs one after another, worker idle): ` +
      `POST /jobs p50 ${percentile(enqueue, 50).toFixed(1)} ms, p99 ${percentile(enqueue, 99).toFixed(1)} ms; ` +
      `queued → running p50 ${percentile(waits, 50).toFixed(0)} ms, p99 ${percentile(waits, 99).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms.`,
  );
  console.log(`\n${lines.join('\n')}`);
} finally {
  for (const service of services) await service.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
