import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';

const MIB = 1024 * 1024;
const repoRoot = join(import.meta.dirname, '..', '..', '..');

describe('loadEnv', () => {
  it('has the documented defaults', () => {
    const config = loadEnv({});

    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: join(repoRoot, '.whittle-data'),
      database: { dataDir: join(repoRoot, '.whittle-data') },
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'whittle',
      maxModelBytes: 2048 * MIB,
      maxDatasetBytes: 1024 * MIB,
      rateLimits: { globalPerMin: 1200, uploadsPerMin: 60, signInPerMin: 20 },
      corsOrigins: [],
      webRoot: undefined,
      trustProxy: false,
      loopbackAdmin: true,
      bodyLimitBytes: MIB,
      requestTimeoutMs: 120_000,
    });
  });

  it('reads every variable', () => {
    const config = loadEnv({
      PORT: '0',
      HOST: '0.0.0.0',
      WHITTLE_DATA_DIR: '/tmp/whittle-x',
      DATABASE_URL: 'postgres://u:secret@db:5432/whittle',
      REDIS_URL: 'redis://redis:6380',
      WHITTLE_QUEUE_PREFIX: 'staging',
      WHITTLE_MAX_MODEL_MB: '100',
      WHITTLE_MAX_DATASET_MB: '10',
      WHITTLE_RATE_LIMIT_PER_MIN: '50',
      WHITTLE_CORS_ORIGINS: 'https://studio.example, http://localhost:5173',
      WHITTLE_WEB_ROOT: 'apps/web/dist',
      WHITTLE_TRUST_PROXY: '10.0.0.0/8',
    });

    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/whittle-x',
      database: { databaseUrl: 'postgres://u:secret@db:5432/whittle' },
      redisUrl: 'redis://redis:6380',
      queuePrefix: 'staging',
      maxModelBytes: 100 * MIB,
      maxDatasetBytes: 10 * MIB,
      rateLimits: { globalPerMin: 50, uploadsPerMin: 60, signInPerMin: 20 },
      corsOrigins: ['https://studio.example', 'http://localhost:5173'],
      webRoot: join(repoRoot, 'apps', 'web', 'dist'),
      trustProxy: '10.0.0.0/8',
      // Listening beyond loopback turns loopback mode off.
      loopbackAdmin: false,
    });
  });

  it('resolves a relative WHITTLE_DATA_DIR against the repository root', () => {
    const config = loadEnv({ WHITTLE_DATA_DIR: 'var/data' });

    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir).toBe(join(repoRoot, 'var', 'data'));
  });

  it.each(['-1', '65536', '80a', '1.5', 'http'])('rejects PORT=%s', (port) => {
    expect(() => loadEnv({ PORT: port })).toThrow(/PORT must be an integer from 0 to 65535/);
  });

  it.each([
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres/],
    ['REDIS_URL', 'http://secret@redis', /REDIS_URL must be a redis/],
    ['WHITTLE_QUEUE_PREFIX', 'a:b', /WHITTLE_QUEUE_PREFIX/],
    ['WHITTLE_MAX_MODEL_MB', '0', /WHITTLE_MAX_MODEL_MB must be an integer/],
    ['WHITTLE_CORS_ORIGINS', '*', /WHITTLE_CORS_ORIGINS/],
    ['WHITTLE_CORS_ORIGINS', 'https://x.example/path', /WHITTLE_CORS_ORIGINS/],
    ['WHITTLE_TRUST_PROXY', 'everyone', /WHITTLE_TRUST_PROXY/],
  ])('rejects %s=%s', (name, value, message) => {
    expect(() => loadEnv({ [name]: value })).toThrow(message);
  });

  it('never echoes a URL that may carry a password', () => {
    expect(() => loadEnv({ REDIS_URL: 'http://user:hunter2@redis' })).toThrow(/^((?!hunter2).)*$/);
  });
});
