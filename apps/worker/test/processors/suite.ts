/**
 * The processors end to end with real parts: an in-process worker (startWorker) on real Redis, a real database
 * (SQLite or PostgreSQL: the same suite runs on both), the real sandbox and the real pipeline on PaddleOCR cls.
 * Tests run in order and build on each other (analyze → prune of the original → benchmark → recipe), as a user would.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModel } from '@whittle/engine';
import { ortNodeRuntime } from '@whittle/engine/ort-node';
import { benchmarkDtoSchema, jobResultSchema, modelAnalysisSchema, variantMetricsSchema, type JobStatus } from '@whittle/shared';
import type { Job, Variant } from '@whittle/store';
import { startWorker, type WorkerHandle } from '../../src/start-worker.ts';
import type { TestDatabase } from '../support/databases.ts';
import { CLS_BYTES, CLS_FILE, CLS_INPUT_SHAPES, Studio, randomPrefix, removeDir, tempDataDir, testConfig, waitFor } from '../support/harness.ts';

const SMALL_BENCHMARK = { threads: [1], batchSizes: [1], warmupRuns: 1, minRuns: 3, maxRuns: 20, maxSecondsPerSeries: 0.5, inputShapes: CLS_INPUT_SHAPES };

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readAll(studio: Studio, key: string | null): Promise<Uint8Array> {
  if (key === null) throw new Error('no artifact key');
  return studio.artifacts.readAll(key);
}

/** Runs one inference of a cls-shaped model in onnxruntime and returns the output dims. */
async function clsOutputDims(bytes: Uint8Array): Promise<number[][]> {
  const session = await ortNodeRuntime.createSession(bytes, { intraOpThreads: 1 });
  try {
    const dims = [1, 3, 48, 192];
    const outputs = await session.run({ x: { type: 'float32', dims, data: new Float32Array(3 * 48 * 192) } });
    return Object.values(outputs).map((tensor) => tensor.dims.map(Number));
  } finally {
    await session.release();
  }
}

export function defineProcessorSuite(openDatabase: (dataDir: string) => Promise<TestDatabase> | TestDatabase): void {
  let dataDir: string;
  let database: TestDatabase;
  let studio: Studio;
  let worker: WorkerHandle;
  let projectId: string;
  /** Set by the first test: the original variant of the uploaded cls model. */
  let original: Variant | undefined;

  beforeAll(async () => {
    dataDir = tempDataDir('processors');
    database = await openDatabase(dataDir);
    const prefix = randomPrefix();
    worker = await startWorker(testConfig({ dataDir, database: database.config, prefix }));
    studio = new Studio(database.db, dataDir, prefix);
    projectId = await studio.project();
  });

  afterAll(async () => {
    await worker.close({ graceMs: 0 });
    await studio.close();
    await database.cleanup();
    await removeDir(dataDir);
  });

  async function finished(job: Job, timeoutMs = 40_000): Promise<Job> {
    const terminal: JobStatus[] = ['succeeded', 'failed', 'cancelled'];
    return studio.waitForStatus(job.id, terminal, timeoutMs);
  }

  /** Fails with the job's own error code and message, which say more than a status mismatch. */
  function expectSucceeded(job: Job | undefined): void {
    expect({ status: job?.status, errorCode: job?.errorCode, errorMessage: job?.errorMessage }).toEqual({ status: 'succeeded', errorCode: null, errorMessage: null });
  }

  async function logMessages(jobId: string): Promise<string[]> {
    const lines = await studio.logs.listSince(jobId);
    expect(lines.map((line) => line.seq)).toEqual(lines.map((_, index) => index + 1));
    return lines.map((line) => line.message);
  }

  describe('analyze', () => {
    it('validates PaddleOCR cls: model ready, analysis stored and schema-valid, original variant ready with the model sha', async () => {
      const { model, job } = await studio.upload(projectId, CLS_BYTES, CLS_FILE);
      const done = await finished(job);
      expectSucceeded(done);
      expect(done).toMatchObject({ attempt: 1, progress: 1 });

      const ready = await studio.models.get(model.id);
      expect(ready?.status).toBe('ready');
      const analysis = modelAnalysisSchema.parse(JSON.parse(new TextDecoder().decode(await readAll(studio, ready?.analysisKey ?? null))));
      expect(analysis.inspect.nodeCount).toBeGreaterThan(0);
      expect(analysis.inspect.file).toBe(CLS_FILE);
      expect(analysis.groups.groups.length).toBeGreaterThan(0);

      original = await studio.variants.originalOf(model.id);
      expect(original).toMatchObject({ status: 'ready', step: 0, parentVariantId: null, jobId: job.id, sha256: model.sha256, artifactKey: model.artifactKey, recipe: [] });
      expect(variantMetricsSchema.parse(original?.metrics).fileBytes).toBe(CLS_BYTES.byteLength);
      expect(jobResultSchema.parse(done.result)).toEqual({ variantIds: [original?.id], benchmarkIds: [] });

      const messages = await logMessages(job.id);
      expect(messages[0]).toBe('Attempt 1 started.');
      expect(messages.at(-1)).toBe('Succeeded.');
    });

    it('fails a garbage upload once: model failed with the engine code, job failed with the same, one attempt', async () => {
      const garbage = new TextEncoder().encode('this is not an ONNX model, just text pretending to be one'.repeat(20));
      const { model, job } = await studio.upload(projectId, garbage, 'garbage.onnx');
      const done = await finished(job);
      expect(done.status).toBe('failed');
      expect(done.attempt).toBe(1);
      expect(done.errorCode).toMatch(/^ENGINE_ERR_[A-Z_]+$/);
      expect(done.errorMessage).not.toContain(dataDir);
      const failed = await studio.models.get(model.id);
      expect(failed).toMatchObject({ status: 'failed', errorCode: done.errorCode, errorMessage: done.errorMessage, analysisKey: null });
      expect(await studio.variants.originalOf(model.id)).toBeUndefined();
      // The failure was final (UnrecoverableError): BullMQ drops the job instead of retrying it.
      await waitFor('BullMQ to drop the job', async () => ((await studio.queue('analyze').getJob(job.id)) === undefined ? true : undefined), 5000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await studio.jobs.get(job.id)).toMatchObject({ status: 'failed', attempt: 1 });
    });
  });

  describe('prune', () => {
    it('prunes the cls original into a new ready variant whose stored bytes hash to its sha and run in onnxruntime', async () => {
      const source = original;
      if (source === undefined) throw new Error('needs the analyze test');
      const job = await studio.createJob(projectId, 'prune', { variantId: source.id, plan: { version: 1, ratio: 0.5 }, inputShapes: CLS_INPUT_SHAPES });
      const done = await finished(job);
      expectSucceeded(done);
      expect(done.attempt).toBe(1);
      const { variantIds } = jobResultSchema.parse(done.result);
      expect(variantIds).toHaveLength(1);
      const variant = await studio.variants.get(variantIds[0] ?? '');
      expect(variant).toMatchObject({ status: 'ready', step: 1, parentVariantId: source.id, jobId: job.id, modelId: source.modelId });
      const bytes = await readAll(studio, variant?.artifactKey ?? null);
      expect(sha256(bytes)).toBe(variant?.sha256);
      const metrics = variantMetricsSchema.parse(variant?.metrics);
      expect(metrics.fileBytes).toBe(bytes.byteLength);
      expect(bytes.byteLength).toBeLessThan(CLS_BYTES.byteLength);
      expect(variant?.report).toMatchObject({ paramsAfter: metrics.params });
      expect(await clsOutputDims(bytes)).toEqual([[1, 2]]);
      // The lineage travels with the file (DESIGN.md §5).
      const lineage = Object.fromEntries(readModel(bytes).metadataProps.map((entry) => [entry.key, entry.value]));
      expect(lineage).toMatchObject({
        'whittle.parent_variant_id': source.id,
        'whittle.parent_sha256': source.sha256,
        'whittle.job_id': job.id,
        'whittle.step': '1',
      });
    });
  });

  describe('benchmark and recipe', () => {
    it('benchmarks a variant: one schema-valid benchmark row on this device, progress never going back', async () => {
      const source = original;
      if (source === undefined) throw new Error('needs the analyze test');
      const job = await studio.createJob(projectId, 'benchmark', { variantId: source.id, ...SMALL_BENCHMARK });
      const seen: number[] = [];
      let current = await studio.jobs.get(job.id);
      while (current !== undefined && !['succeeded', 'failed', 'cancelled'].includes(current.status)) {
        if (current.status === 'running') seen.push(current.progress);
        await new Promise((resolve) => setTimeout(resolve, 20));
        current = await studio.jobs.get(job.id);
      }
      expectSucceeded(current);
      expect(current?.progress).toBe(1);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      const { benchmarkIds, variantIds } = jobResultSchema.parse(current?.result);
      expect(variantIds).toEqual([]);
      expect(benchmarkIds).toHaveLength(1);
      const row = await studio.benchmarks.get(benchmarkIds[0] ?? '');
      const dto = benchmarkDtoSchema.parse(row);
      expect(dto.variantId).toBe(source.id);
      expect(dto.results.series).toHaveLength(1);
      expect(dto.device.length).toBeGreaterThan(0);
    });

    it('runs a recipe prune → benchmark: the variant (step 1, parent original) carries the benchmark (step 2); logs in order', async () => {
      const source = original;
      if (source === undefined) throw new Error('needs the analyze test');
      const recipe = {
        version: 1,
        steps: [
          { kind: 'prune', plan: { version: 1, ratio: 0.25 }, inputShapes: CLS_INPUT_SHAPES },
          { kind: 'benchmark', ...SMALL_BENCHMARK },
        ],
      };
      const job = await studio.createJob(projectId, 'recipe', { variantId: source.id, recipe });
      const done = await finished(job);
      expectSucceeded(done);
      expect(done).toMatchObject({ attempt: 1, progress: 1 });
      const { variantIds, benchmarkIds } = jobResultSchema.parse(done.result);
      expect(variantIds).toHaveLength(1);
      expect(benchmarkIds).toHaveLength(1);
      const variant = await studio.variants.get(variantIds[0] ?? '');
      expect(variant).toMatchObject({ status: 'ready', step: 1, parentVariantId: source.id, jobId: job.id });
      expect(variant?.recipe).toMatchObject({ kind: 'prune' });
      const attached = await studio.benchmarks.listForVariant(variant?.id ?? '');
      expect(attached.map((b) => b.id)).toEqual(benchmarkIds);

      const messages = await logMessages(job.id);
      const at = (text: string): number => messages.indexOf(text);
      expect(at('Attempt 1 started.')).toBe(0);
      expect(at('Step 1 of 2: prune.')).toBeGreaterThan(0);
      expect(at('Step 2 of 2: benchmark.')).toBeGreaterThan(at('Step 1 of 2: prune.'));
      expect(at('Succeeded.')).toBe(messages.length - 1);
      expect(messages.join('\n')).not.toContain(dataDir);
    });
  });
}
