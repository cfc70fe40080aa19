import fp from 'fastify-plugin';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import {
  cancelChannel,
  JOB_KINDS,
  jobKindSchema,
  QUEUE_JOB_OPTIONS,
  queueNameFor,
  workerHeartbeatKey,
  type JobKind,
  type QueueJobData,
} from '@whittle/shared';

/** Redis answers within this or counts as down: an upload must not wait on an unreachable queue. */
const REDIS_TIMEOUT_MS = 2_000;

/**
 * The API's side of the queues. Every operation is best effort: the database row is the truth, and a job whose
 * enqueue failed stays `queued` until the worker's reconciler enqueues it (an outbox), so callers never fail a
 * request because Redis is down.
 * @public
 */
export interface JobQueues {
  /** Adds the job (BullMQ id = our id, so a repeat is a no-op). False when Redis is down or refused it. */
  enqueue(job: { readonly id: string; readonly kind: string }): Promise<boolean>;
  /** Removes a waiting or delayed job; an active or missing one is left alone. */
  remove(job: { readonly id: string; readonly kind: string }): Promise<boolean>;
  /** Announces a cancelled job to the workers. False when Redis is down. */
  publishCancel(jobId: string): Promise<boolean>;
  /** Whether the connection to Redis is up right now. */
  isUp(): boolean;
  /** Workers whose heartbeat key is alive, or undefined when Redis cannot be asked. */
  liveWorkers(): Promise<number | undefined>;
}

declare module 'fastify' {
  interface FastifyInstance {
    readonly jobQueues: JobQueues;
  }
}

/**
 * One BullMQ queue per job kind on one shared ioredis connection with the offline queue disabled and a short connect
 * timeout, so a command fails at once while Redis is down instead of piling up in memory (catalogue §1). The same
 * connection publishes cancellations and counts worker heartbeats.
 * @public
 */
export const queuesPlugin = fp(
  (app, _options, done) => {
    const { redisUrl, queuePrefix } = app.config;
    const redis = new Redis(redisUrl, {
      enableOfflineQueue: false,
      connectTimeout: REDIS_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      // Keep reconnecting (capped), so the API notices when Redis comes back.
      retryStrategy: (times) => Math.min(times * 250, 5_000),
      lazyConnect: false,
    });
    redis.on('error', throttledWarning(app.log));
    const queues = new Map<JobKind, Queue<QueueJobData>>(
      JOB_KINDS.map((kind) => {
        const queue = new Queue<QueueJobData>(queueNameFor(kind), { connection: redis, prefix: queuePrefix });
        // BullMQ re-emits connection errors; without a listener an 'error' event would throw.
        queue.on('error', () => undefined);
        return [kind, queue];
      }),
    );
    const queueOf = (kind: string): Queue<QueueJobData> | undefined => {
      const parsed = jobKindSchema.safeParse(kind);
      return parsed.success ? queues.get(parsed.data) : undefined;
    };
    const isUp = (): boolean => redis.status === 'ready';

    const jobQueues: JobQueues = {
      isUp,
      async enqueue(job) {
        const queue = queueOf(job.kind);
        // While Redis is down a BullMQ call would wait for the connection: skip it, the reconciler delivers later.
        if (queue === undefined || !isUp()) return false;
        try {
          await withTimeout(queue.add(job.kind, { jobId: job.id }, { ...QUEUE_JOB_OPTIONS, jobId: job.id }));
          return true;
        } catch (error) {
          app.log.warn({ err: error, jobId: job.id }, 'enqueue failed; the reconciler will deliver the job');
          return false;
        }
      },
      async remove(job) {
        const queue = queueOf(job.kind);
        if (queue === undefined || !isUp()) return false;
        try {
          return (await withTimeout(queue.remove(job.id))) === 1;
        } catch {
          // A locked (active) job cannot be removed: the worker sees the cancelled row and stops on its own.
          return false;
        }
      },
      async publishCancel(jobId) {
        if (!isUp()) return false;
        try {
          await withTimeout(redis.publish(cancelChannel(queuePrefix), jobId));
          return true;
        } catch (error) {
          app.log.warn({ err: error, jobId }, 'cancel announcement failed');
          return false;
        }
      },
      async liveWorkers() {
        if (!isUp()) return undefined;
        try {
          return await withTimeout(countKeys(redis, `${workerHeartbeatKey(queuePrefix, '')}*`));
        } catch {
          return undefined;
        }
      },
    };
    app.decorate('jobQueues', jobQueues);
    app.addHook('onClose', async () => {
      await Promise.all([...queues.values()].map((queue) => queue.close().catch(() => undefined)));
      // quit() waits for a reply that never comes while Redis is down; disconnect() does not.
      if (isUp()) {
        await withTimeout(redis.quit()).catch(() => {
          redis.disconnect();
        });
      }
      else redis.disconnect();
    });
    done();
  },
  { name: 'whittle-queues', dependencies: ['whittle-config'] },
);

/** Keys matching `pattern` (the prefix alphabet has no glob characters), counted with SCAN, never KEYS. */
async function countKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`));
    }, REDIS_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** Logs a connection error at most once a minute: a Redis outage must not flood the log. */
function throttledWarning(log: FastifyBaseLogger): (error: Error) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 60_000) return;
    last = now;
    log.warn({ err: error }, 'Redis connection error (jobs stay queued in the database until it is back)');
  };
}
