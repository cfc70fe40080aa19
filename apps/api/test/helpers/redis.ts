import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNameFor, type JobKind, type QueueJobData } from '@whittle/shared';
import { TEST_REDIS_URL } from './env.ts';

/** A BullMQ prefix no other test file uses. */
export function randomPrefix(): string {
  return `whittle-api-test-${randomBytes(6).toString('hex')}`;
}

/** A port nothing listens on (for "Redis is down"). */
export const CLOSED_REDIS_URL = 'redis://127.0.0.1:1';

/** Reads the queues of a prefix the way a worker would. */
export class QueueProbe {
  readonly #redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  readonly #queues = new Map<JobKind, Queue<QueueJobData>>();

  constructor(readonly prefix: string) {}

  queue(kind: JobKind): Queue<QueueJobData> {
    let queue = this.#queues.get(kind);
    if (queue === undefined) {
      queue = new Queue<QueueJobData>(queueNameFor(kind), { connection: this.#redis, prefix: this.prefix });
      this.#queues.set(kind, queue);
    }
    return queue;
  }

  /** The BullMQ job's data, or undefined when Redis holds no such job. */
  async jobData(kind: JobKind, id: string): Promise<QueueJobData | undefined> {
    const job = await this.queue(kind).getJob(id);
    return job?.data;
  }

  /** Sets a worker heartbeat key, as a live worker does. */
  async heartbeat(workerId: string): Promise<void> {
    await this.#redis.set(`${this.prefix}:worker:${workerId}`, JSON.stringify({ at: Date.now() }), 'EX', 30);
  }

  /** Removes every key of the prefix (SCAN + DEL: other tests share this Redis) and disconnects. */
  async cleanup(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((queue) => queue.close()));
    let cursor = '0';
    do {
      const [next, keys] = await this.#redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await this.#redis.del(...keys);
    } while (cursor !== '0');
    await this.#redis.quit();
  }
}
