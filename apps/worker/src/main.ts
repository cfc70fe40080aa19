// The worker process: reads the environment, starts the queues, and shuts down gracefully on SIGTERM/SIGINT
// (stop fetching, let running jobs finish within WHITTLE_SHUTDOWN_GRACE_MS, hand the rest back, exit 0).
import { loadEnv } from './env.ts';
import type { WorkerLogger } from './logger.ts';
import { redisLabel } from './redis.ts';
import { startWorker, type WorkerHandle } from './start-worker.ts';

const logger: WorkerLogger = {
  info: (message) => {
    console.log(`[worker] ${message}`);
  },
  warn: (message) => {
    console.warn(`[worker] warning: ${message}`);
  },
  error: (message) => {
    console.error(`[worker] error: ${message}`);
  },
};

function fatal(what: string, error: unknown): never {
  console.error(`Whittle worker: ${what}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

process.on('uncaughtException', (error) => {
  fatal('uncaught error', error);
});
process.on('unhandledRejection', (reason) => {
  fatal('unhandled rejection', reason);
});

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  fatal('bad configuration', error);
}

let handle: WorkerHandle;
try {
  handle = await startWorker({
    redisUrl: env.redisUrl,
    database: env.databaseUrl === undefined ? { dataDir: env.dataDir } : { databaseUrl: env.databaseUrl },
    dataDir: env.dataDir,
    queuePrefix: env.queuePrefix,
    concurrency: env.concurrency,
    jobTimeoutMs: env.jobTimeoutMs,
    jobMemoryBytes: env.jobMemoryBytes,
    lockDurationMs: env.lockDurationMs,
    stalledIntervalMs: env.stalledIntervalMs,
    reconcileIntervalMs: env.reconcileIntervalMs,
    shutdownGraceMs: env.shutdownGraceMs,
    artifactSettings: env.artifactSettings,
    logger,
  });
} catch (error) {
  fatal('could not start', error);
}

const database = env.databaseUrl === undefined ? 'SQLite in the data directory' : 'PostgreSQL';
console.log(
  `Whittle worker ${handle.id} started: Redis ${redisLabel(env.redisUrl)}, prefix "${env.queuePrefix}", ${database}, ` +
    `data ${env.dataDir}, ${String(env.concurrency)} job(s) at once.`,
);

/** Exits 1 if a shutdown does not finish in time (e.g. Redis is gone and nothing can be handed back). */
function watchdog(ms: number): void {
  setTimeout(() => {
    fatal('shutdown', new Error(`did not finish within ${String(ms)} ms`));
  }, ms).unref();
}

let signals = 0;
function shutdown(signal: NodeJS.Signals): void {
  signals += 1;
  if (signals > 1) {
    // A second signal: stop the running tasks now instead of waiting for the grace period.
    logger.warn(`${signal} again: stopping running jobs now`);
    watchdog(10_000);
    void handle.close({ graceMs: 0 });
    return;
  }
  logger.info(`${signal}: shutting down (grace ${String(env.shutdownGraceMs)} ms)`);
  watchdog(env.shutdownGraceMs + 30_000);
  handle.close().then(
    () => {
      logger.info('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      fatal('shutdown failed', error);
    },
  );
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
