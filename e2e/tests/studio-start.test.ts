import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startStudio, type ServiceProcess } from './support/studio-process.ts';

// `npm start` for real (the launcher: Redis, web build, API + worker) over real HTTP: no mocks (DESIGN.md §7).

let studio: ServiceProcess | undefined;
let tempRoot: string | undefined;

afterEach(() => {
  studio?.kill();
  studio = undefined;
  if (tempRoot !== undefined) rmSync(tempRoot, { recursive: true, force: true });
  tempRoot = undefined;
});

function expectSecurityHeaders(headers: Headers): void {
  expect(headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-frame-options')).toBe('DENY');
}

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

interface Health {
  readonly redis: string;
  readonly workers: number;
}

/** Polls /api/health until a worker has announced itself (it starts beside the API). */
async function waitForWorker(url: string, timeoutMs: number): Promise<Health> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${url}/api/health`)).json()) as Health;
    if (health.workers > 0 || Date.now() > deadline) return health;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('npm start', () => {
  it('builds and serves the web app with the API on one port, starts a worker, and stops cleanly on SIGTERM', async () => {
    tempRoot = mkdtempSync(join(tmpdir(), 'whittle-e2e-'));
    // A folder that does not exist yet: the launcher must create it.
    const dataDir = join(tempRoot, 'data');
    studio = await startStudio({ PORT: '0', HOST: '127.0.0.1', WHITTLE_DATA_DIR: dataDir, WHITTLE_QUEUE_PREFIX: `e2e-${randomUUID()}` }, 120_000);
    expect(studio.ready).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect(studio.output()).toMatch(/Admin token \(shown once\): wht_/);

    const page = await fetch(`${studio.ready}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(page.headers);
    expect(await page.text()).toMatch(/<div id="root"><\/div>/);

    expect(await waitForWorker(studio.ready, 30_000)).toMatchObject({ redis: 'ok', workers: 1 });

    const missing = await fetch(`${studio.ready}/api/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'API_ERR_NOT_FOUND' } });

    const ended = await studio.stop('SIGTERM');
    expect(ended, studio.output()).toEqual({ code: 0, signal: null });
    expect(studio.output()).toContain('Whittle studio: stopped');
  }, 180_000);

  it('starts a private redis-server under the data directory when none answers at REDIS_URL, and stops it with the studio', async () => {
    tempRoot = mkdtempSync(join(tmpdir(), 'whittle-e2e-'));
    const dataDir = join(tempRoot, 'data');
    const port = await freePort();
    studio = await startStudio(
      { PORT: '0', WHITTLE_DATA_DIR: dataDir, REDIS_URL: `redis://127.0.0.1:${String(port)}`, WHITTLE_SKIP_WEB_BUILD: '1' },
      90_000,
    );
    expect(studio.output()).toContain(`starting a private redis-server`);
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
    expect(await waitForWorker(studio.ready, 30_000)).toMatchObject({ redis: 'ok', workers: 1 });
    const ended = await studio.stop('SIGTERM');
    expect(ended, studio.output()).toEqual({ code: 0, signal: null });
  }, 120_000);
});
