import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN_LINE, StudioClient } from './studio-client.ts';
import { LISTENING_LINE, repoRoot, startService, type ServiceProcess } from './studio-process.ts';

/**
 * Builds the web app into a fresh temp folder (not apps/web/dist: test files run in parallel and must not share a
 * build in progress) and returns the folder.
 * @public
 */
export function buildWebInto(outDir: string): string {
  const web = join(repoRoot, 'apps', 'web');
  const result = spawnSync(process.execPath, [join(web, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: web,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

/** A running API (+ worker) serving a fresh web build, for browser tests. @public */
export interface WebStack {
  readonly url: string;
  /** The first-run admin token (for seeding data over HTTP; the browser itself is the loopback admin). */
  readonly client: StudioClient;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the API serving a fresh web build, and a worker unless `worker: false`, on a temp data dir with a random queue
 * prefix. The browser on this machine is signed in as the local admin (loopback mode).
 * @public
 */
export async function startWebStack(options: { readonly worker?: boolean } = {}): Promise<WebStack> {
  const root = mkdtempSync(join(tmpdir(), 'whittle-web-e2e-'));
  const webRoot = buildWebInto(join(root, 'web'));
  const dataDir = join(root, 'data');
  const env = { PORT: '0', HOST: '127.0.0.1', WHITTLE_DATA_DIR: dataDir, WHITTLE_QUEUE_PREFIX: `web-${randomUUID()}`, WHITTLE_WEB_ROOT: webRoot, WHITTLE_WORKER_CONCURRENCY: '1' };
  const services: ServiceProcess[] = [];
  try {
    const api = await startService({ entry: 'apps/api/src/server.ts', env, readyLine: LISTENING_LINE, timeoutMs: 60_000 });
    services.push(api);
    if (options.worker !== false) {
      services.push(await startService({ entry: 'apps/worker/src/main.ts', env, readyLine: /(Whittle worker\b.*)/, timeoutMs: 60_000 }));
    }
    const token = ADMIN_TOKEN_LINE.exec(api.output())?.[1];
    if (token === undefined) throw new Error(`no admin token printed:\n${api.output()}`);
    return {
      url: api.ready,
      client: new StudioClient(api.ready, token),
      dataDir,
      async stop() {
        for (const service of services) await service.stop('SIGTERM');
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const service of services) service.kill();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
