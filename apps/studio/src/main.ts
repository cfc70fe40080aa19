/**
 * `npm start`: Redis (the one at REDIS_URL, or a private one under the data directory when none answers on a
 * loopback address and redis-server is installed), the built web app, then the API and the worker on one data
 * directory. The API prints the URL and, on first run, the admin token.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { loadStudioEnv, repoRoot } from './env.ts';
import { HOW_TO_GET_REDIS, redisAddress, redisAnswers, redisServerInstalled, startPrivateRedis } from './redis.ts';
import { superviseServices, type ServiceExit } from './supervisor.ts';
import { ensureWebBuild } from './web-build.ts';

const log = (line: string): void => { console.log(`whittle: ${line}`); };
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** The worker waits for running jobs up to its own grace (WHITTLE_SHUTDOWN_GRACE_MS); this is the launcher's outer bound. */
const STOP_GRACE_MS = 45_000;

async function ensureRedis(redisUrl: string, dataDir: string): Promise<ChildProcess | undefined> {
  const { host, port } = redisAddress(redisUrl);
  if (await redisAnswers(host, port)) return undefined;
  if (!LOOPBACK.has(host)) throw new Error(`no Redis answers at ${host}:${String(port)} (REDIS_URL).\n${HOW_TO_GET_REDIS}`);
  if (!redisServerInstalled()) throw new Error(`no Redis answers at ${host}:${String(port)} and redis-server is not installed.\n${HOW_TO_GET_REDIS}`);
  log(`no Redis at ${host}:${String(port)}; starting a private redis-server there (files in <data>/redis)`);
  return startPrivateRedis(host, port, dataDir);
}

async function main(): Promise<number> {
  const env = loadStudioEnv();
  mkdirSync(env.dataDir, { recursive: true });
  const redis = await ensureRedis(env.redisUrl, env.dataDir);
  const webRoot = ensureWebBuild(repoRoot, { skipBuild: env.skipWebBuild, log });
  if (webRoot === undefined) log('no web build found; the API serves its holding page');

  const childEnv: NodeJS.ProcessEnv = {
    ...env.passThrough,
    REDIS_URL: env.redisUrl,
    WHITTLE_DATA_DIR: env.dataDir,
    ...(webRoot !== undefined && { WHITTLE_WEB_ROOT: webRoot }),
  };
  const services = superviseServices(repoRoot, [
    { name: 'api', entry: 'apps/api/src/server.ts' },
    { name: 'worker', entry: 'apps/worker/src/main.ts' },
  ], childEnv);

  let stopping: Promise<ServiceExit[]> | undefined;
  const stop = (signal: NodeJS.Signals): Promise<ServiceExit[]> => (stopping ??= services.stopAll(signal, STOP_GRACE_MS));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));

  const first = await services.firstExit;
  const requested = stopping !== undefined;
  if (!requested) log(`${first.name} exited (${first.signal ?? `code ${String(first.code)}`}); stopping the studio`);
  const exits = await stop('SIGTERM');
  if (redis !== undefined && redis.exitCode === null) {
    redis.kill('SIGTERM');
    await once(redis, 'exit');
  }
  if (requested) return exits.every((e) => e.code === 0) ? 0 : 1;
  // A service ended by itself: the studio is not whole, whatever its exit code.
  return first.code === null || first.code === 0 ? 1 : first.code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`whittle: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
