import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/start-worker.ts';
import { randomPrefix, removeDir, tempDataDir, testConfig } from './support/harness.ts';

// Catalogue F12: BullMQ is correct only under maxmemory-policy noeviction, so the worker refuses to start on a Redis
// that may evict keys. A private redis-server on a free port, so the shared test Redis is never reconfigured.

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

let redis: ChildProcess;
let port: number;
const dataDir = tempDataDir('policy');

beforeAll(async () => {
  port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], {
    stdio: 'ignore',
  });
  // Wait until it accepts connections.
  for (let i = 0; i < 50; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createServer().listen(port, '127.0.0.1');
      socket.once('listening', () => socket.close(() => { resolve(false); }));
      socket.once('error', () => { resolve(true); });
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not start');
});

afterAll(async () => {
  redis.kill('SIGKILL');
  await removeDir(dataDir);
});

describe('the Redis eviction policy', () => {
  it('refuses to start on a Redis that may evict keys, naming the policy and the fix', async () => {
    const config = testConfig({ dataDir, database: { dataDir }, prefix: randomPrefix(), redisUrl: `redis://127.0.0.1:${String(port)}` });
    await expect(startWorker(config)).rejects.toThrow(/maxmemory-policy is "allkeys-lru".*noeviction/);
  });
});
