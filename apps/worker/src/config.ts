import type { JobKind } from '@whittle/shared';
import type { DbConfig } from '@whittle/store';
import type { WorkerLogger } from './logger.ts';
import type { TaskName } from './tasks/task-modules.ts';

/**
 * What {@link startWorker} needs. main.ts builds it from the environment (env.ts); tests build it directly with a
 * random queue prefix and a temporary data directory.
 * @public
 */
export interface WorkerConfig {
  readonly redisUrl: string;
  /** SQLite in a data directory, or PostgreSQL (optionally one schema, as the tests use). */
  readonly database: DbConfig;
  /** Artifacts (`<dataDir>/artifacts`) and per-attempt work folders (`<dataDir>/work`). */
  readonly dataDir: string;
  readonly queuePrefix: string;
  /**
   * Artifact-store settings as found in the environment (`WHITTLE_S3_*`, AWS credential names); none set means local
   * files in the data directory. The API reads the same settings, so both find the same artifacts.
   */
  readonly artifactSettings?: Readonly<Record<string, string | undefined>>;
  /** Sandboxed tasks running at once in this process, all kinds together (≥ 1). */
  readonly concurrency: number;
  /** Wall-clock budget of one delivery of a job, all its steps together. */
  readonly jobTimeoutMs: number;
  /** Address-space cap of each sandboxed task (≥ SANDBOX_MIN_MEMORY_BYTES). */
  readonly jobMemoryBytes: number;
  /** BullMQ lock of an active job; another worker takes the job over once it expires (a dead worker). */
  readonly lockDurationMs: number;
  /** How often BullMQ looks for stalled jobs (expired locks). */
  readonly stalledIntervalMs: number;
  /** How often the reconciler compares the database with the queues (it also runs at start). */
  readonly reconcileIntervalMs: number;
  /** How long `close()` waits for running jobs before it stops them (main.ts passes it on SIGTERM). */
  readonly shutdownGraceMs: number;
  /** The kinds this process serves; all of JOB_KINDS by default. */
  readonly kinds?: readonly JobKind[];
  /** Names this process in heartbeats and logs; random by default. Letters, digits, '-' and '_' only. */
  readonly workerId?: string;
  readonly logger?: WorkerLogger;
  /**
   * TEST-ONLY: replaces sandbox task modules (absolute paths of modules exporting `run(input, ctx)`) so tests can
   * play crashes, hangs and slow tasks through the real queue, state machine and sandbox. Never set in production;
   * env.ts has no way to set it.
   */
  readonly testTaskModules?: Partial<Readonly<Record<TaskName, string>>>;
}
