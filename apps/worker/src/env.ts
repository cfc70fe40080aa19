import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDirSetting, integerSetting, postgresUrlSetting, queuePrefixSetting, redisUrlSetting, type SettingsSource } from '@whittle/shared';
import { ARTIFACT_STORE_SETTINGS } from '@whittle/store';
import { SANDBOX_MIN_MEMORY_BYTES } from './sandbox/index.ts';

const MIB = 1024 * 1024;

/**
 * Settings the worker reads from its environment. This file is the only reader of `process.env` in the app
 * (DESIGN.md §2): every variable, its default and its validation live here.
 * @public
 */
export interface WorkerEnv {
  /** Redis holding the BullMQ queues (it may carry a password: never print it whole). */
  readonly redisUrl: string;
  /** PostgreSQL URL; undefined selects SQLite in the data directory. */
  readonly databaseUrl: string | undefined;
  /** Absolute path of the studio's data directory (SQLite file, artifacts, work folders). */
  readonly dataDir: string;
  readonly queuePrefix: string;
  /** How many sandboxed tasks this process runs at once, all job kinds together. */
  readonly concurrency: number;
  /** Wall-clock budget of one job delivery (all its steps), milliseconds. */
  readonly jobTimeoutMs: number;
  /** Address-space cap of each sandboxed task, bytes. */
  readonly jobMemoryBytes: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly reconcileIntervalMs: number;
  readonly shutdownGraceMs: number;
  /** `WHITTLE_S3_*` and AWS credential settings as found (none: artifacts on local disk). */
  readonly artifactSettings: Readonly<Record<string, string | undefined>>;
}

/** What selects and configures the artifact store (S3 when WHITTLE_S3_BUCKET is set; see @whittle/store). */
const ARTIFACT_SETTING_NAMES = [...ARTIFACT_STORE_SETTINGS, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/** The repository root, three levels above this file (apps/worker/src/env.ts). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Reads and validates the worker's settings.
 *
 * A relative `WHITTLE_DATA_DIR` is resolved against the repository root (as the API does), so both processes
 * find the same data whatever directory they were started from.
 * @param source - the variables to read; `process.env` unless a caller passes its own.
 * @throws Error naming the variable, the value found and what was expected.
 * @public
 */
export function loadEnv(source: SettingsSource = process.env): WorkerEnv {
  const dataDir = dataDirSetting(source);
  const memoryMiB = integerSetting(source, 'WHITTLE_JOB_MEMORY_MB', 4096, SANDBOX_MIN_MEMORY_BYTES / MIB, 1024 * 1024);
  return {
    redisUrl: redisUrlSetting(source),
    databaseUrl: postgresUrlSetting(source),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir),
    queuePrefix: queuePrefixSetting(source),
    concurrency: integerSetting(source, 'WHITTLE_WORKER_CONCURRENCY', Math.max(1, availableParallelism()), 1, 1024),
    jobTimeoutMs: integerSetting(source, 'WHITTLE_JOB_TIMEOUT_S', 3600, 1, 7 * 24 * 3600) * 1000,
    jobMemoryBytes: memoryMiB * MIB,
    lockDurationMs: integerSetting(source, 'WHITTLE_LOCK_DURATION_MS', 30_000, 1000, 3_600_000),
    stalledIntervalMs: integerSetting(source, 'WHITTLE_STALLED_INTERVAL_MS', 30_000, 500, 3_600_000),
    reconcileIntervalMs: integerSetting(source, 'WHITTLE_RECONCILE_INTERVAL_MS', 30_000, 500, 86_400_000),
    shutdownGraceMs: integerSetting(source, 'WHITTLE_SHUTDOWN_GRACE_MS', 30_000, 0, 86_400_000),
    artifactSettings: Object.fromEntries(ARTIFACT_SETTING_NAMES.map((name) => [name, source[name]])),
  };
}
