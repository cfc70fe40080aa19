/**
 * Starts a worker in this process: one BullMQ Worker per job kind (queue `jobs-<kind>` under the configured prefix),
 * one shared slot pool so the sandboxes running at once stay within `concurrency`, the cancel subscriber, the
 * heartbeat and the reconciler. main.ts runs it from the environment; tests run it in-process.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Queue, Worker } from 'bullmq';
import { JOB_KINDS, queueNameFor, type JobKind } from '@whittle/shared';
import { BenchmarksRepo, JobLogsRepo, JobsRepo, ModelsRepo, VariantsRepo, migrate, openDb, type Db } from '@whittle/store';
import { openWorkerArtifactStore } from './artifact-store.ts';
import { subscribeToCancels } from './cancel-subscriber.ts';
import type { WorkerConfig } from './config.ts';
import { startHeartbeat, type Heartbeat } from './heartbeat.ts';
import { jobProcessor } from './jobs/run-job.ts';
import type { WorkerDeps } from './jobs/worker-deps.ts';
import { describeError, silentLogger } from './logger.ts';
import { Reconciler, type ReconcileReport } from './reconciler.ts';
import { openRedis, redisLabel, checkEvictionPolicy } from './redis.ts';
import { RunningJobs } from './running-jobs.ts';
import { SANDBOX_MIN_MEMORY_BYTES } from './sandbox/index.ts';
import { Semaphore } from './semaphore.ts';
import { TASK_MODULES } from './tasks/task-modules.ts';

/** How long start-up waits for Redis before it gives up with a clear message. */
const REDIS_READY_TIMEOUT_MS = 10_000;

/** A running worker. @public */
export interface WorkerHandle {
  readonly id: string;
  /** Runs one reconciler pass now (the timer runs them anyway); shares a pass already running. */
  reconcile(): Promise<ReconcileReport>;
  /** Ids of the jobs this process is delivering (waiting for a slot or running). */
  runningJobIds(): string[];
  /**
   * Stops fetching, waits up to `graceMs` (default: the config's shutdownGraceMs) for the running jobs, then stops
   * their tasks (their children die) and hands those jobs back to the queue, and closes every connection. A second
   * call returns the same promise; with `graceMs: 0` it stops the tasks at once.
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

function checkConfig(config: WorkerConfig): void {
  const positive = (name: string, value: number): void => {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`startWorker: ${name} must be a positive number.`);
  };
  if (!Number.isInteger(config.concurrency) || config.concurrency < 1) throw new RangeError('startWorker: concurrency must be an integer ≥ 1.');
  if (config.jobMemoryBytes < SANDBOX_MIN_MEMORY_BYTES) throw new RangeError(`startWorker: jobMemoryBytes must be at least ${String(SANDBOX_MIN_MEMORY_BYTES)}.`);
  positive('jobTimeoutMs', config.jobTimeoutMs);
  positive('lockDurationMs', config.lockDurationMs);
  positive('stalledIntervalMs', config.stalledIntervalMs);
  positive('reconcileIntervalMs', config.reconcileIntervalMs);
  if (!(config.shutdownGraceMs >= 0)) throw new RangeError('startWorker: shutdownGraceMs must be ≥ 0.');
  if (config.workerId !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(config.workerId)) {
    throw new RangeError("startWorker: workerId may hold only letters, digits, '-' and '_'.");
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(message));
        }, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function openDatabase(config: WorkerConfig): Promise<Db> {
  const db = openDb(config.database);
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** @public */
export async function startWorker(config: WorkerConfig): Promise<WorkerHandle> {
  checkConfig(config);
  const logger = config.logger ?? silentLogger;
  const workerId = config.workerId ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '_')}-${String(process.pid)}-${randomBytes(3).toString('hex')}`;
  const kinds: readonly JobKind[] = config.kinds ?? JOB_KINDS;
  const prefix = config.queuePrefix;

  const db = await openDatabase(config);
  let artifactStore: Awaited<ReturnType<typeof openWorkerArtifactStore>>;
  try {
    artifactStore = await openWorkerArtifactStore({ dataDir: config.dataDir, settings: config.artifactSettings ?? {} });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  const redis = openRedis(config.redisUrl, `whittle-worker-${workerId}`, logger);
  const subscriber = openRedis(config.redisUrl, `whittle-worker-${workerId}-cancel`, logger);
  const closing = new AbortController();
  const running = new RunningJobs();
  const deps: WorkerDeps = {
    db,
    jobs: new JobsRepo(db),
    jobLogs: new JobLogsRepo(db),
    models: new ModelsRepo(db),
    variants: new VariantsRepo(db),
    benchmarks: new BenchmarksRepo(db),
    artifacts: artifactStore.store,
    logger,
    slots: new Semaphore(config.concurrency),
    running,
    closing: closing.signal,
    taskModules: { ...TASK_MODULES, ...config.testTaskModules },
    workerId,
    dataDir: config.dataDir,
    jobTimeoutMs: config.jobTimeoutMs,
    jobMemoryBytes: config.jobMemoryBytes,
  };
  const queues = new Map(kinds.map((kind) => [kind, new Queue(queueNameFor(kind), { connection: redis, prefix })] as const));
  for (const [kind, queue] of queues) {
    // Without a listener BullMQ prints every connection error; the Redis connection's own handler reports outages.
    queue.on('error', (error) => {
      if (!/ECONNREFUSED|ETIMEDOUT|ECONNRESET|Connection is closed/.test(error.message)) logger.warn(`queue ${kind}: ${describeError(error)}`);
    });
  }
  const reconciler = new Reconciler(deps, queues);
  const workers: Worker[] = [];
  let heartbeat: Heartbeat | undefined;

  const release = async (): Promise<void> => {
    await Promise.allSettled(workers.map((worker) => worker.close()));
    await heartbeat?.stop();
    await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
    await reconciler.settled();
    subscriber.disconnect();
    await redis.quit().catch(() => undefined);
    redis.disconnect();
    await artifactStore.close();
    await db.close();
  };

  try {
    await withTimeout(redis.ping(), REDIS_READY_TIMEOUT_MS, `Redis at ${redisLabel(config.redisUrl)} did not answer within ${String(REDIS_READY_TIMEOUT_MS / 1000)} s.`);
    await checkEvictionPolicy(redis, logger);
    await subscribeToCancels(subscriber, prefix, running, logger);
    await reconciler.run();
    const processor = jobProcessor(deps);
    for (const kind of kinds) {
      const worker = new Worker(queueNameFor(kind), processor, {
        connection: redis,
        prefix,
        name: workerId,
        concurrency: config.concurrency,
        lockDuration: config.lockDurationMs,
        stalledInterval: config.stalledIntervalMs,
        maxStalledCount: 1,
      });
      worker.on('error', (error) => {
        logger.warn(`queue ${kind}: ${describeError(error)}`);
      });
      worker.on('lockRenewalFailed', (jobIds) => {
        logger.warn(`queue ${kind}: lost the lock of job(s) ${jobIds.join(', ')}; another worker may take them over`);
      });
      workers.push(worker);
    }
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    heartbeat = await startHeartbeat(redis, prefix, workerId, logger);
  } catch (error) {
    // Redis may be unreachable: drop the connections instead of waiting for polite closes that would never end.
    subscriber.disconnect();
    redis.disconnect();
    await Promise.allSettled([...workers.map((worker) => worker.close(true)), ...[...queues.values()].map((queue) => queue.close())]);
    await artifactStore.close();
    await db.close().catch(() => undefined);
    throw error;
  }

  const reconcileTimer = setInterval(() => {
    reconciler.run().catch((error: unknown) => {
      logger.warn(`reconciler: ${describeError(error)}`);
    });
  }, config.reconcileIntervalMs);
  reconcileTimer.unref();

  let closed: Promise<void> | undefined;
  return {
    id: workerId,
    reconcile: () => reconciler.run(),
    runningJobIds: () => running.ids(),
    close(options = {}) {
      const graceMs = options.graceMs ?? config.shutdownGraceMs;
      if (closed !== undefined) {
        if (graceMs === 0) running.stopAll('shutdown');
        return closed;
      }
      closed = (async () => {
        clearInterval(reconcileTimer);
        // Deliveries still waiting for a slot hand their job back at once; running ones get the grace period.
        closing.abort('shutdown');
        const workersClosed = Promise.allSettled(workers.map((worker) => worker.close()));
        let graceTimer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<'grace-over'>((resolve) => {
          graceTimer = setTimeout(() => {
            resolve('grace-over');
          }, graceMs);
        });
        if ((await Promise.race([workersClosed, graceOver])) === 'grace-over' && running.ids().length > 0) {
          logger.warn(`shutdown: grace period over; stopping ${String(running.ids().length)} job(s) and handing them back`);
          running.stopAll('shutdown');
        }
        clearTimeout(graceTimer);
        await release();
      })();
      return closed;
    },
  };
}
