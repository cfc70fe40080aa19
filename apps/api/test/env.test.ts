import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';

describe('loadEnv', () => {
  it('defaults to loopback, port 8080 and .whittle-data under the repository root', () => {
    const env = loadEnv({});

    expect(env.port).toBe(8080);
    expect(env.host).toBe('127.0.0.1');
    expect(env.dataDir).toBe(join(import.meta.dirname, '..', '..', '..', '.whittle-data'));
  });

  it('reads PORT, HOST and an absolute WHITTLE_DATA_DIR', () => {
    const env = loadEnv({ PORT: '0', HOST: '0.0.0.0', WHITTLE_DATA_DIR: '/tmp/whittle-x' });

    expect(env).toEqual({ port: 0, host: '0.0.0.0', dataDir: '/tmp/whittle-x' });
  });

  it('resolves a relative WHITTLE_DATA_DIR against the repository root', () => {
    const env = loadEnv({ WHITTLE_DATA_DIR: 'var/data' });

    expect(isAbsolute(env.dataDir)).toBe(true);
    expect(env.dataDir).toBe(join(import.meta.dirname, '..', '..', '..', 'var', 'data'));
  });

  it.each(['-1', '65536', '80a', '1.5', 'http'])('rejects PORT=%s', (port) => {
    expect(() => loadEnv({ PORT: port })).toThrow(/PORT must be an integer from 0 to 65535/);
  });
});
