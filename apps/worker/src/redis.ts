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
