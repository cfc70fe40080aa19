/** The worker's settings: defaults, resolution of the data dir, and messages that name the variable. */
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_PREFIX } from '@whittle/shared';
import { loadEnv } from '../src/env.ts';

describe('loadEnv', () => {
  it('has defaults for everything: local Redis, SQLite under <repo>/.whittle-data, one job per core', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      databaseUrl: undefined,
      queuePrefix: DEFAULT_QUEUE_PREFIX,
      concurrency: Math.max(1, availableParallelism()),
      jobTimeoutMs: 3_600_000,
      jobMemoryBytes: 4096 * 1024 * 1024,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      reconcileIntervalMs: 30_000,
      shutdownGraceMs: 30_000,
    });
    expect(env.dataDir).toBe(join(import.meta.dirname, '..', '..', '..', '.whittle-data'));
  });

  it('reads every variable and resolves a relative data dir against the repository root', () => {
    const env = loadEnv({
      REDIS_URL: 'redis://:secret@redis.internal:6380/2',
      DATABASE_URL: 'postgres://whittle@db/whittle',
      WHITTLE_DATA_DIR: 'data/here',
      WHITTLE_QUEUE_PREFIX: 'staging',
      WHITTLE_WORKER_CONCURRENCY: '3',
      WHITTLE_JOB_TIMEOUT_S: '60',
      WHITTLE_JOB_MEMORY_MB: '2048',
      WHITTLE_LOCK_DURATION_MS: '3000',
      WHITTLE_STALLED_INTERVAL_MS: '1000',
      WHITTLE_RECONCILE_INTERVAL_MS: '1000',
      WHITTLE_SHUTDOWN_GRACE_MS: '0',
    });
    expect(env).toMatchObject({ concurrency: 3, jobTimeoutMs: 60_000, jobMemoryBytes: 2048 * 1024 * 1024, queuePrefix: 'staging', shutdownGraceMs: 0 });
    expect(isAbsolute(env.dataDir) && env.dataDir.endsWith(join('data', 'here'))).toBe(true);
  });

  it.each([
    [{ WHITTLE_JOB_MEMORY_MB: '1024' }, /WHITTLE_JOB_MEMORY_MB must be an integer from 2048/],
    [{ WHITTLE_WORKER_CONCURRENCY: '0' }, /WHITTLE_WORKER_CONCURRENCY must be an integer from 1/],
    [{ WHITTLE_JOB_TIMEOUT_S: '1.5' }, /WHITTLE_JOB_TIMEOUT_S must be an integer/],
    [{ WHITTLE_QUEUE_PREFIX: 'a:b' }, /WHITTLE_QUEUE_PREFIX must be/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
  ])('refuses %o with a message naming the variable', (source, message) => {
    expect(() => loadEnv(source)).toThrow(message);
  });

  it('never echoes a Redis URL, which may carry a password', () => {
    expect(() => loadEnv({ REDIS_URL: 'http://:hunter2@host' })).toThrow(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/);
  });
});
