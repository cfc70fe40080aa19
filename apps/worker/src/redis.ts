/** Redis connections of the worker. BullMQ workers require `maxRetriesPerRequest: null` (they block and retry). */
import { Redis } from 'ioredis';
import type { WorkerLogger } from './logger.ts';

export function openRedis(url: string, name: string, logger: WorkerLogger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
  let lastReport = 0;
  redis.on('error', (error: Error) => {
    // ioredis reconnects by itself; report at most every 10 s so an outage does not flood the log.
    const now = Date.now();
    if (now - lastReport < 10_000) return;
    lastReport = now;
    logger.warn(`redis (${name}): ${error.message}`);
  });
  return redis;
}

/** host:port of a Redis URL, for messages (the URL itself may carry a password). */
export function redisLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}`;
}

/**
 * Refuses a Redis that may evict keys: BullMQ is correct only under `maxmemory-policy noeviction` (reliability catalogue
 * §1 and F12: evicted job keys are silently lost jobs). Managed services that disable CONFIG cannot be checked; that is
 * logged, not fatal.
 * @throws Error naming the policy found and how to fix it
 */
export async function checkEvictionPolicy(redis: Redis, logger: WorkerLogger): Promise<void> {
  let reply: unknown;
  try {
    reply = await redis.config('GET', 'maxmemory-policy');
  } catch (error) {
    logger.warn(`could not read Redis maxmemory-policy (${error instanceof Error ? error.message : String(error)}); make sure it is noeviction`);
    return;
  }
  const policy = Array.isArray(reply) ? (reply as unknown[])[1] : undefined;
  if (typeof policy === 'string' && policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}": it may evict queued jobs. Set it to noeviction (redis.conf "maxmemory-policy noeviction", or CONFIG SET maxmemory-policy noeviction).`,
    );
  }
}
