/**
 * Finding Redis, and starting a private one when none answers. BullMQ needs Redis (DESIGN.md §5); a newcomer with
 * `redis-server` installed but not running should still get a working studio from `npm start`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

/** Host and port of a `redis://` URL. @throws Error for anything else (rediss:// and unix sockets are not started here). */
export function redisAddress(url: string): { readonly host: string; readonly port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`REDIS_URL "${url}" is not a URL; expected e.g. redis://127.0.0.1:6379`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL "${url}" must start with redis:// or rediss://`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { host, port: parsed.port === '' ? 6379 : Number(parsed.port) };
}

/**
 * Whether something speaking RESP answers at host:port within `timeoutMs`. An `-NOAUTH`/`-ERR` reply counts as an
 * answer: a Redis is there (credentials are the API's and worker's business).
 */
export function redisAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    let reply = '';
    const done = (answer: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => { done(false); }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-'));
    });
    socket.on('error', () => { done(false); });
  });
}

/** Whether `redis-server` can be run from PATH. */
export function redisServerInstalled(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** How to get Redis, for the message printed when there is none. */
export const HOW_TO_GET_REDIS = [
  'Whittle needs Redis (job queues). Any of:',
  '  - Debian/Ubuntu: sudo apt-get install -y redis-server   (npm start then starts a private one if none runs)',
  '  - macOS: brew install redis',
  '  - Docker: docker run -d -p 6379:6379 redis:7',
  '  - or point REDIS_URL at a Redis you run elsewhere.',
].join('\n');

/**
 * Starts `redis-server` on host:port with its files under `<dataDir>/redis`: append-only file on (queued jobs survive
 * a restart), `noeviction` (the only policy under which BullMQ is correct: reliability catalogue §1), loopback
 * binding, protected mode. Resolves once it answers PING.
 */
export async function startPrivateRedis(host: string, port: number, dataDir: string, timeoutMs = 10_000): Promise<ChildProcess> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const args = [
    '--bind', host,
    '--port', String(port),
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--maxmemory-policy', 'noeviction',
    '--protected-mode', 'yes',
    '--daemonize', 'no',
    '--logfile', join(dir, 'redis.log'),
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${String(child.exitCode)}; see ${join('<data>', 'redis', 'redis.log')}`);
    if (await redisAnswers(host, port, 500)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on ${host}:${String(port)} within ${String(timeoutMs)} ms`);
}
