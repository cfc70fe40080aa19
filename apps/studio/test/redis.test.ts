import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redisAddress, redisAnswers, startPrivateRedis } from '../src/redis.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no port'));
        else resolve(address.port);
      });
    });
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('finding Redis', () => {
  it('parses redis:// URLs and refuses other schemes', () => {
    expect(redisAddress('redis://127.0.0.1:6390')).toEqual({ host: '127.0.0.1', port: 6390 });
    expect(redisAddress('redis://[::1]')).toEqual({ host: '::1', port: 6379 });
    expect(() => redisAddress('http://127.0.0.1:6379')).toThrow(/redis:\/\//);
    expect(() => redisAddress('not a url')).toThrow(/not a URL/);
  });

  it('sees the Redis the machine runs and nothing on a closed port', async () => {
    expect(await redisAnswers('127.0.0.1', 6379)).toBe(true);
    expect(await redisAnswers('127.0.0.1', await freePort(), 500)).toBe(false);
  });

  it('starts a private redis-server with its files in the data directory, answering PING, and stops it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'whittle-studio-redis-'));
    cleanups.push(() => { rmSync(dataDir, { recursive: true, force: true }); });
    const port = await freePort();
    const child = await startPrivateRedis('127.0.0.1', port, dataDir);
    cleanups.push(() => child.kill('SIGKILL'));
    expect(await redisAnswers('127.0.0.1', port)).toBe(true);
    // Append-only persistence is on: Redis 7 keeps its AOF in an appendonlydir inside --dir.
    expect(readdirSync(join(dataDir, 'redis'))).toEqual(expect.arrayContaining(['appendonlydir', 'redis.log']));
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await redisAnswers('127.0.0.1', port, 500)).toBe(false);
  });
});
