/**
 * Faults of catalogue (b) played on real worker processes (main.ts), real Redis and SQLite shared across processes:
 * F1 the worker parent SIGKILLed mid-job, F10 the queue's Redis state lost while jobs wait, F6 SIGTERM during a job.
 * Short lock and stalled intervals (3 s, 1 s) and a 1 s reconciler keep takeovers quick. The tests run in order and
 * hand the surviving worker process on to the next.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobResultSchema, workerHeartbeatKey } from '@whittle/shared';
import { TEST_REDIS_URL } from '../support/env.ts';
import { CLS_INPUT_SHAPES, Studio, deletePrefixKeys, randomPrefix, removeDir, tempDataDir, waitFor } from '../support/harness.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { WorkerProcess } from '../support/worker-process.ts';

/** A benchmark that runs for about `seconds` (the stability rule never stops it early). */
function timedBenchmark(seconds: number): Record<string, unknown> {
  return { threads: [1], batchSizes: [1], warmupRuns: 0, minRuns: 3, maxRuns: 100_000, maxSecondsPerSeries: seconds, stabilityTolerance: 1e-9, inputShapes: CLS_INPUT_SHAPES };
}

let dataDir: string;
let database: TestDatabase;
let studio: Studio;
let prefix: string;
let projectId: string;
let variantId: string;
const workers: WorkerProcess[] = [];

async function startWorkerProcess(): Promise<WorkerProcess> {
  const worker = await WorkerProcess.start({
    REDIS_URL: TEST_REDIS_URL,
    WHITTLE_DATA_DIR: dataDir,
    WHITTLE_QUEUE_PREFIX: prefix,
    WHITTLE_WORKER_CONCURRENCY: '1',
    WHITTLE_JOB_MEMORY_MB: '2048',
    WHITTLE_LOCK_DURATION_MS: '3000',
    WHITTLE_STALLED_INTERVAL_MS: '1000',
    WHITTLE_RECONCILE_INTERVAL_MS: '1000',
  });
  workers.push(worker);
  return worker;
}

/** The worker a previous test left running, or a new one. */
async function liveWorker(): Promise<WorkerProcess> {
  return workers.find((worker) => worker.alive) ?? startWorkerProcess();
}

async function logged(jobId: string, message: string): Promise<true | undefined> {
  return (await studio.logs.listSince(jobId)).some((line) => line.message === message) ? true : undefined;
}

beforeAll(async () => {
  dataDir = tempDataDir('faults');
  database = sqliteDatabase(dataDir);
  prefix = randomPrefix();
  studio = new Studio(database.db, dataDir, prefix);
  // The worker processes migrate the database; the test writes rows, so it migrates first.
  const { migrate } = await import('@whittle/store');
  await migrate(database.db);
  projectId = await studio.project();
  variantId = (await studio.readyVariant(projectId)).id;
});

afterAll(async () => {
  for (const worker of workers) worker.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await studio.close();
  await database.cleanup();
  await removeDir(dataDir);
});

describe('worker processes under faults', () => {
  it('F1: SIGKILL of the worker mid-job → another worker takes it over after the lock expires and finishes it', async () => {
    const first = await startWorkerProcess();
    const recipe = { version: 1, steps: [{ kind: 'prune', plan: { version: 1, ratio: 0.5 }, inputShapes: CLS_INPUT_SHAPES }, { kind: 'benchmark', ...timedBenchmark(3) }] };
    const job = await studio.createJob(projectId, 'recipe', { variantId, recipe });
    await waitFor('the benchmark step to start', () => logged(job.id, 'Step 2 of 2: benchmark.'), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await studio.jobs.get(job.id)).toMatchObject({ status: 'running', attempt: 1 });

    const second = await startWorkerProcess();
    const done = await studio.waitForStatus(job.id, ['succeeded', 'failed'], 40_000);
    expect({ status: done.status, error: done.errorMessage, attempt: done.attempt }).toEqual({ status: 'succeeded', error: null, attempt: 2 });
    const { variantIds, benchmarkIds } = jobResultSchema.parse(done.result);
    expect(benchmarkIds).toHaveLength(1);
    const messages = (await studio.logs.listSince(job.id)).map((line) => line.message);
    expect(messages).toContain('Step 1 was done by an earlier attempt; its variant is reused.');

    // No variant is ready without its complete artifact, and none is left building.
    const source = await studio.variants.get(variantId);
    const variants = await studio.variants.listForModel(source?.modelId ?? '');
    expect(variants.map((v) => v.status)).toEqual(['ready', 'ready']);
    expect(variants[1]?.id).toBe(variantIds[0]);
    for (const variant of variants) {
      const bytes = await studio.artifacts.readAll(variant.artifactKey ?? '');
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(variant.sha256);
    }
    // The dead attempt's work folder is swept by the survivor's reconciler.
    await waitFor('the dead attempt\'s work folder to go', () => (existsSync(join(dataDir, 'work', `${job.id}-1`)) ? undefined : true), 10_000);
    expect(second.alive).toBe(true);
  }, 60_000);

  it('F10: the queue state is lost (prefix keys deleted) while jobs wait → the reconciler re-enqueues them and they finish', async () => {
    const worker = await liveWorker();
    const long = await studio.createJob(projectId, 'benchmark', { variantId, ...timedBenchmark(2) });
    const waiting = [
      await studio.createJob(projectId, 'benchmark', { variantId, ...timedBenchmark(0.2) }),
      await studio.createJob(projectId, 'benchmark', { variantId, ...timedBenchmark(0.2) }),
    ];
    await waitFor('the long job to run', () => logged(long.id, 'Step 1 of 1: benchmark.'), 20_000);
    expect(await studio.redis.exists(workerHeartbeatKey(prefix, worker.id))).toBe(1);
    expect(await deletePrefixKeys(studio.redis, prefix)).toBeGreaterThan(0);

    for (const job of [long, ...waiting]) {
      const done = await studio.waitForStatus(job.id, ['succeeded', 'failed'], 40_000);
      expect({ status: done.status, error: done.errorMessage }).toEqual({ status: 'succeeded', error: null });
    }
    expect(worker.output.some((line) => line.includes('reconciler: re-enqueued'))).toBe(true);
    // The worker still proves it is alive: the heartbeat comes back after the flush.
    await waitFor('the heartbeat', async () => ((await studio.redis.exists(workerHeartbeatKey(prefix, worker.id))) === 1 ? true : undefined), 10_000);
  }, 60_000);

  it('F6: SIGTERM during a job → the job finishes, the process exits 0 and removes its heartbeat', async () => {
    const worker = await liveWorker();
    const job = await studio.createJob(projectId, 'benchmark', { variantId, ...timedBenchmark(1.5) });
    await waitFor('the job to run', () => logged(job.id, 'Step 1 of 1: benchmark.'), 20_000);
    worker.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await studio.jobs.get(job.id)).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect(await studio.redis.exists(workerHeartbeatKey(prefix, worker.id))).toBe(0);
    expect(worker.output.some((line) => line.includes('SIGTERM: shutting down'))).toBe(true);
  }, 30_000);
});
