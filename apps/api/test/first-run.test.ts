import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, migrate, UsersRepo } from '@whittle/store';
import { ensureAdmin, FIRST_RUN_TOKEN_LABEL } from '../src/auth/first-run.ts';
import { TEST_PATH, TEST_REDIS_URL } from './helpers/env.ts';
import { QueueProbe, randomPrefix } from './helpers/redis.ts';

const apiRoot = join(import.meta.dirname, '..');

describe('ensureAdmin', () => {
  it('creates the admin and a first-run token once, then nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'whittle-first-'));
    const db = openDb({ dataDir });
    try {
      await migrate(db);
      const first = await ensureAdmin(db);
      expect(first?.user).toMatchObject({ name: 'admin', isAdmin: true });
      expect(first?.token).toMatch(/^wht_[A-Za-z0-9_-]{43}$/);
      expect(await ensureAdmin(db)).toBeUndefined();
      const users = new UsersRepo(db);
      expect(await users.verifyToken(first?.token ?? '')).toMatchObject({ id: first?.user.id });
      expect((await users.listTokens(first?.user.id ?? '')).map((t) => t.label)).toEqual([FIRST_RUN_TOKEN_LABEL]);
    } finally {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** `npm start`'s API process, for real: listens, prints its URL and (first run only) the admin token. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcessByStdio<null, Readable, Readable>; output: () => string; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiRoot,
    env: { PATH: TEST_PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const match = /listening on (http:\/\/\S+)/.exec(output);
    // The listening line comes last: the token line, if any, is already out.
    if (match?.[1] !== undefined) return { child, output: () => output, url: match[1] };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('server.ts', () => {
  let dataDir: string;
  let probe: QueueProbe;
  const prefix = randomPrefix();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'whittle-server-'));
    probe = new QueueProbe(prefix);
  });
  afterAll(async () => {
    await probe.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints the first-run admin token once; the token works; SIGTERM closes cleanly', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', WHITTLE_DATA_DIR: dataDir, WHITTLE_QUEUE_PREFIX: prefix, REDIS_URL: TEST_REDIS_URL };
    const first = await startServer(env);
    const token = /Admin token \(shown once\): (wht_[A-Za-z0-9_-]{43})/.exec(first.output())?.[1];
    expect(token, first.output()).toBeDefined();
    first.child.kill('SIGTERM');
    expect(await once(first.child, 'exit')).toEqual([0, null]);

    const second = await startServer(env);
    try {
      expect(second.output()).not.toContain('Admin token');
      const session = await fetch(new URL('/api/session', second.url), { headers: { authorization: `Bearer ${token ?? ''}` } });
      expect(session.status).toBe(200);
      expect(await session.json()).toMatchObject({ via: 'token', user: { name: 'admin', isAdmin: true } });
    } finally {
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    }
  });
});
