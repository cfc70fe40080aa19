import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { localArtifactLayout, type DbConfig, type User } from '@whittle/store';
import { buildApp } from '../../src/app.ts';
import { ensureAdmin } from '../../src/auth/first-run.ts';
import { apiConfig, type ApiConfigInput } from '../../src/config.ts';
import { TEST_REDIS_URL } from './env.ts';
import { QueueProbe, randomPrefix } from './redis.ts';

/** A user and their plaintext token. */
export interface TestUser {
  readonly user: User;
  readonly token: string;
  /** `authorization` header for app.inject. */
  readonly headers: { readonly authorization: string };
}

/** A built (not listening) app on a temp data dir, its own queue prefix, and the first-run admin. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly dataDir: string;
  readonly prefix: string;
  readonly probe: QueueProbe;
  readonly admin: TestUser;
  /** Creates another user (through the API, as an admin would). */
  createUser(name: string): Promise<TestUser>;
  /** Files in the artifact store's temp folder (an upload that failed must leave none). */
  tempFiles(): Promise<string[]>;
  /** Objects in the artifact store. */
  objectCount(): Promise<number>;
  close(): Promise<void>;
}

export type TestAppOptions = Omit<Partial<ApiConfigInput>, 'database'> & {
  /** Where the metadata lives; SQLite in the data dir unless given. */
  readonly database?: (dataDir: string) => Promise<DbConfig>;
  /** Runs on the built app before its plugins load (to add an onRoute hook, say). */
  readonly beforeReady?: (app: FastifyInstance) => void;
};

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/**
 * Builds an app the way server.ts does, minus listening: loopback mode off unless asked (app.inject comes from
 * 127.0.0.1 with Host localhost, which loopback mode would treat as the admin).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'whittle-api-'));
  const prefix = options.queuePrefix ?? randomPrefix();
  const { database, beforeReady, ...rest } = options;
  const config = apiConfig({
    redisUrl: TEST_REDIS_URL,
    loopbackAdmin: false,
    ...rest,
    dataDir,
    queuePrefix: prefix,
    ...(database === undefined ? {} : { database: await database(dataDir) }),
  });
  const app = buildApp({ config });
  beforeReady?.(app);
  await app.ready();
  const first = await ensureAdmin(app.db);
  if (first === undefined) throw new Error('a fresh database already had an admin');
  const probe = new QueueProbe(prefix);
  const layout = localArtifactLayout(dataDir);
  const listing = async (dir: string): Promise<string[]> => readdir(dir, { recursive: true }).catch(() => []);
  return {
    app,
    dataDir,
    prefix,
    probe,
    admin: { user: first.user, token: first.token, headers: bearer(first.token) },
    async createUser(name) {
      const response = await app.inject({ method: 'POST', url: '/api/users', headers: bearer(first.token), payload: { name } });
      if (response.statusCode !== 201) throw new Error(`POST /api/users answered ${response.statusCode}: ${response.body}`);
      const body = response.json<{ user: { id: string }; token: string }>();
      const user = await app.repos.users.getUser(body.user.id);
      if (user === undefined) throw new Error('the created user is missing');
      return { user, token: body.token, headers: bearer(body.token) };
    },
    tempFiles: () => listing(layout.tmp),
    async objectCount() {
      const entries = await listing(layout.objects);
      return entries.filter((entry) => /^[0-9a-f]{2}[/\\][0-9a-f]{62}$/.test(entry)).length;
    },
    async close() {
      await app.close();
      await probe.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
