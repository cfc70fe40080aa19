/**
 * The job state machine (docs/studio-server.md, Jobs) through real BullMQ, Redis, SQLite and sandboxed children, with
 * test task modules standing in for the pipeline where a test needs a crash, a hang or a quick result
 * (WorkerConfig.testTaskModules, test-only). One worker serves most tests; tests that need other modules or
 * settings start their own worker on another prefix.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobErrorCode, jobResultSchema } from '@whittle/shared';
import type { WorkerConfig } from '../../src/config.ts';
import type { WorkerLogger } from '../../src/logger.ts';
import { startWorker, type WorkerHandle } from '../../src/start-worker.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { CLS_INPUT_SHAPES, Studio, randomPrefix, removeDir, tempDataDir, testConfig, testTasksDir, waitFor } from '../support/harness.ts';

const task = (name: string): string => join(testTasksDir, `${name}.ts`);
/** The sandbox tests' segfaulting task: a poison job. */
const crashTask = join(import.meta.dirname, '..', 'sandbox', 'tasks', 'crash-segv.ts');
const QUICK_BENCHMARK = { threads: [1], batchSizes: [1], minRuns: 3, maxRuns: 3, inputShapes: CLS_INPUT_SHAPES };
const PRUNE = { plan: { version: 1, ratio: 0.5 }, inputShapes: CLS_INPUT_SHAPES };

function collectingLogger(lines: string[]): WorkerLogger {
  return {
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
}

let dataDir: string;
let database: TestDatabase;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(() => {
  dataDir = tempDataDir('state');
  database = sqliteDatabase(dataDir);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await database.cleanup();
  await removeDir(dataDir);
});

/** A worker and a studio on a fresh prefix, closed after the file. */
async function setUp(overrides: Partial<WorkerConfig> = {}, prefix = randomPrefix()): Promise<{ worker: WorkerHandle; studio: Studio; prefix: string }> {
  const worker = await startWorker(testConfig({ dataDir, database: database.config, prefix, ...overrides }));
  const studio = new Studio(database.db, dataDir, prefix);
  cleanups.push(() => worker.close({ graceMs: 0 }), () => studio.close());
  return { worker, studio, prefix };
}

describe('with crashing prune and quick benchmark tasks', () => {
  const lines: string[] = [];
  let worker: WorkerHandle;
  let studio: Studio;
  let projectId: string;
  let variantId: string;

  beforeAll(async () => {
    ({ worker, studio } = await setUp({
      logger: collectingLogger(lines),
      testTaskModules: { prune: crashTask, benchmark: task('fake-benchmark') },
    }));
    projectId = await studio.project();
    variantId = (await studio.readyVariant(projectId)).id;
  });

  it('retries a crashing task per attempts, then fails it JOB_ERR_CRASHED; other jobs keep running meanwhile', async () => {
    const crashing = await studio.createJob(projectId, 'prune', { variantId, ...PRUNE });
    // While the poison job waits out its backoff (2 s, 4 s), the worker keeps serving other jobs.
    const others = [];
    for (let i = 0; i < 2; i++) {
      const job = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK });
      others.push(await studio.waitForStatus(job.id, ['succeeded', 'failed'], 20_000));
    }
    expect(others.map((job) => job.status)).toEqual(['succeeded', 'succeeded']);

    const failed = await studio.waitForStatus(crashing.id, ['failed', 'succeeded'], 40_000);
    expect(failed).toMatchObject({ status: 'failed', attempt: 3, errorCode: JobErrorCode.Crashed });
    expect(failed.errorMessage).toContain('SIGSEGV');
    const messages = (await studio.logs.listSince(crashing.id)).map((line) => line.message);
    expect(messages.filter((m) => m.startsWith('Attempt '))).toEqual(['Attempt 1 started.', 'Attempt 2 started.', 'Attempt 3 started.']);
    expect(messages.filter((m) => m.endsWith('The job will be retried.'))).toHaveLength(2);
    expect(await studio.variants.listForModel((await studio.variants.get(variantId))?.modelId ?? '')).toHaveLength(1);
    await waitFor('BullMQ to drop the poison job', async () => ((await studio.queue('prune').getJob(crashing.id)) === undefined ? true : undefined), 5000);
  }, 60_000);

  it('records log lines in order (seq 1, 2, 3…, the task\'s lines as it sent them), progress messages without the counter flood', async () => {
    const job = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK });
    const done = await studio.waitForStatus(job.id, ['succeeded', 'failed']);
    expect(done).toMatchObject({ status: 'succeeded', progress: 1 });
    const logs = await studio.logs.listSince(job.id);
    expect(logs.map((line) => line.seq)).toEqual(logs.map((_, index) => index + 1));
    const fromTask = logs.map((line) => line.message).filter((m) => /^(series step|line) \d+$/.test(m));
    // Log lines all arrive, in order; a progress message that only ticks a counter is logged once per 2 s.
    expect(fromTask).toEqual(['series step 1', ...Array.from({ length: 10 }, (_, i) => `line ${String(i + 1)}`)]);
    expect(logs.every((line, i) => i === 0 || line.at >= (logs[i - 1]?.at ?? 0))).toBe(true);
    expect(jobResultSchema.parse(done.result).benchmarkIds).toHaveLength(1);
  });

  it('fails stored parameters that do not parse with JOB_ERR_BAD_PARAMS, once', async () => {
    const job = await studio.createJob(projectId, 'prune', { variantId: 'not-an-id', plan: {} });
    const done = await studio.waitForStatus(job.id, ['failed', 'succeeded']);
    expect(done).toMatchObject({ status: 'failed', attempt: 1, errorCode: JobErrorCode.BadParams });
  });

  it('fails a job whose source is missing, not ready or in another project with JOB_ERR_SOURCE_NOT_READY', async () => {
    const otherProject = await studio.project('eve');
    const foreign = await studio.readyVariant(otherProject);
    const model = (await studio.variants.get(variantId))?.modelId ?? '';
    const { variant: building } = await studio.variants.create({ projectId, modelId: model, step: 0, recipe: [], engineVersion: 'test' });
    const sources = [randomUUID(), foreign.id, building.id];
    const jobs = await Promise.all(sources.map((id) => studio.createJob(projectId, 'benchmark', { variantId: id, ...QUICK_BENCHMARK })));
    for (const job of jobs) {
      expect(await studio.waitForStatus(job.id, ['failed', 'succeeded'])).toMatchObject({ status: 'failed', attempt: 1, errorCode: JobErrorCode.SourceNotReady });
    }
    expect(await studio.benchmarks.listForVariant(foreign.id)).toEqual([]);
  });

  it('ignores a duplicate delivery of a finished or cancelled job (no work, no new attempt)', async () => {
    const job = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK });
    const done = await studio.waitForStatus(job.id, ['succeeded']);
    const cancelled = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK }, false);
    await studio.cancel(cancelled.id);
    const logCounts = [(await studio.logs.listSince(job.id)).length, (await studio.logs.listSince(cancelled.id)).length];
    await studio.enqueue(job);
    await studio.enqueue(cancelled);
    await waitFor('both deliveries to be consumed', async () =>
      (await studio.queue('benchmark').getJob(job.id)) === undefined && (await studio.queue('benchmark').getJob(cancelled.id)) === undefined ? true : undefined,
    );
    expect(await studio.jobs.get(job.id)).toMatchObject({ status: 'succeeded', attempt: done.attempt });
    expect(await studio.jobs.get(cancelled.id)).toMatchObject({ status: 'cancelled', attempt: 0 });
    expect([(await studio.logs.listSince(job.id)).length, (await studio.logs.listSince(cancelled.id)).length]).toEqual(logCounts);
  });

  it('reconciles: re-enqueues lost queued and running jobs, fails spent ones with JOB_ERR_QUEUE_STATE_LOST, sweeps orphaned work folders', async () => {
    // Never enqueued (the API's enqueue failed: the table is the outbox).
    const outbox = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK }, false);
    // Running when Redis lost it, with attempts left, and with none left.
    const lost = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK }, false);
    await studio.jobs.transition(lost.id, { from: ['queued'], to: 'running', attempt: 1 });
    const spent = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK }, false);
    await studio.jobs.transition(spent.id, { from: ['queued'], to: 'running', attempt: 3 });
    const { model, job: analyze } = await studio.upload(projectId, new Uint8Array([1, 2, 3]), 'lost.onnx', false);
    await studio.jobs.transition(analyze.id, { from: ['queued'], to: 'running', attempt: 3 });
    // A kind this release does not serve: left alone, and so is its work folder.
    const foreignKind = await studio.jobs.create({ projectId, kind: 'sparsify', payload: {} });
    await studio.jobs.transition(foreignKind.job.id, { from: ['queued'], to: 'running', attempt: 1 });
    const orphan = join(dataDir, 'work', `${randomUUID()}-1`);
    const owned = join(dataDir, 'work', `${foreignKind.job.id}-1`);
    mkdirSync(orphan, { recursive: true });
    mkdirSync(owned, { recursive: true });

    const report = await worker.reconcile();
    expect([...report.requeued].sort()).toEqual([outbox.id, lost.id].sort());
    expect([...report.failed].sort()).toEqual([spent.id, analyze.id].sort());
    expect(report.sweptWorkDirs).toBeGreaterThanOrEqual(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(owned)).toBe(true);
    expect(lines.some((line) => line.includes('re-enqueued 2 job(s)'))).toBe(true);

    expect(await studio.waitForStatus(outbox.id, ['succeeded', 'failed'])).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect(await studio.waitForStatus(lost.id, ['succeeded', 'failed'])).toMatchObject({ status: 'succeeded', attempt: 2 });
    const spentRow = await studio.jobs.get(spent.id);
    expect(spentRow).toMatchObject({ status: 'failed', errorCode: JobErrorCode.QueueStateLost });
    expect(spentRow?.errorMessage).toContain('submit it again');
    expect(await studio.models.get(model.id)).toMatchObject({ status: 'failed', errorCode: JobErrorCode.QueueStateLost });
    expect(await studio.jobs.get(foreignKind.job.id)).toMatchObject({ status: 'running', attempt: 1 });
    // A second pass finds nothing to do: idempotent.
    expect(await worker.reconcile()).toMatchObject({ requeued: [], failed: [] });
  });
});

describe('with hanging tasks', () => {
  it('cancels a running job through the pub/sub channel: the task stops quickly, the row stays cancelled, the next job runs', async () => {
    // One slot: the prune job waits while the hanging benchmark holds it.
    const { worker, studio } = await setUp({ concurrency: 1, testTaskModules: { benchmark: task('hang') } });
    const projectId = await studio.project();
    const { id: variantId } = await studio.readyVariant(projectId);
    const hanging = await studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK });
    await waitFor('the task to start', async () => ((await studio.logs.listSince(hanging.id)).some((l) => l.message === 'task started') ? true : undefined));
    const next = await studio.createJob(projectId, 'prune', { variantId, ...PRUNE });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await studio.jobs.get(next.id))?.status).toBe('queued');

    const cancelledAt = Date.now();
    expect(await studio.cancel(hanging.id)).toBe(true);
    await waitFor('the delivery to end', () => (worker.runningJobIds().includes(hanging.id) ? undefined : true), 5000, 20);
    // Well under the sandbox's 2 s kill grace plus start-up noise: the task stopped on its signal, not by SIGKILL.
    expect(Date.now() - cancelledAt).toBeLessThan(3000);
    expect(await studio.jobs.get(hanging.id)).toMatchObject({ status: 'cancelled', errorCode: null });
    const messages = (await studio.logs.listSince(hanging.id)).map((line) => line.message);
    expect(messages.at(-1)).toBe('Stopped: the job was cancelled.');

    expect(await studio.waitForStatus(next.id, ['succeeded', 'failed'])).toMatchObject({ status: 'succeeded' });
    // Stays cancelled: nothing the stopped delivery did afterwards changed it.
    expect((await studio.jobs.get(hanging.id))?.status).toBe('cancelled');
  });

  it('on close, hands running jobs back after the grace period; another worker finishes them at the next attempt', async () => {
    const prefix = randomPrefix();
    const first = await setUp({ concurrency: 1, testTaskModules: { benchmark: task('hang') } }, prefix);
    const projectId = await first.studio.project();
    const { id: variantId } = await first.studio.readyVariant(projectId);
    const running = await first.studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK });
    const waiting = await first.studio.createJob(projectId, 'benchmark', { variantId, ...QUICK_BENCHMARK });
    await first.studio.waitForStatus(running.id, ['running']);
    await waitFor('the task to start', async () => ((await first.studio.logs.listSince(running.id)).some((l) => l.message === 'task started') ? true : undefined));

    await first.worker.close({ graceMs: 300 });
    expect(await first.studio.jobs.get(running.id)).toMatchObject({ status: 'queued', attempt: 1 });
    expect(await first.studio.jobs.get(waiting.id)).toMatchObject({ status: 'queued', attempt: 0 });
    expect(await (await first.studio.queue('benchmark').getJob(running.id))?.getState()).toBe('waiting');

    // A job past its time budget fails once, JOB_ERR_TIMEOUT, and its model (analyze) fails with it.
    const second = await setUp({ testTaskModules: { benchmark: task('fake-benchmark'), analyze: task('stuck') }, jobTimeoutMs: 2500 }, prefix);
    expect(await second.studio.waitForStatus(running.id, ['succeeded', 'failed'])).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(await second.studio.waitForStatus(waiting.id, ['succeeded', 'failed'])).toMatchObject({ status: 'succeeded', attempt: 1 });

    const { model, job } = await second.studio.upload(projectId, new Uint8Array([8, 1, 2]), 'slow.onnx');
    const timedOut = await second.studio.waitForStatus(job.id, ['failed', 'succeeded'], 20_000);
    expect(timedOut).toMatchObject({ status: 'failed', attempt: 1, errorCode: JobErrorCode.Timeout });
    expect(await second.studio.models.get(model.id)).toMatchObject({ status: 'failed', errorCode: JobErrorCode.Timeout });
  }, 60_000);
});
