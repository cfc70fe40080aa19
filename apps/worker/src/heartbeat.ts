/**
 * Proves this worker is alive and consuming (catalogue §1 rule 4): `<prefix>:worker:<id>` = `{ at, pid, host }`,
 * refreshed every 5 s with a 15 s expiry, so `/api/health` sees a worker vanish within 15 s of its death.
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { workerHeartbeatKey } from '@whittle/shared';
import { describeError, type WorkerLogger } from './logger.ts';

export const HEARTBEAT_INTERVAL_MS = 5000;
export const HEARTBEAT_TTL_MS = 15_000;

export interface Heartbeat {
  stop(): Promise<void>;
}

export async function startHeartbeat(redis: Redis, prefix: string, workerId: string, logger: WorkerLogger): Promise<Heartbeat> {
  const key = workerHeartbeatKey(prefix, workerId);
  const beat = async (): Promise<void> => {
    await redis.set(key, JSON.stringify({ at: Date.now(), pid: process.pid, host: hostname() }), 'PX', HEARTBEAT_TTL_MS);
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((error: unknown) => {
      logger.warn(`heartbeat: ${describeError(error)}`);
    });
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await redis.del(key).catch(() => undefined);
    },
  };
}
