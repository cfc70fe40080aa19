/** What every delivery uses, built once per process by startWorker. */
import type { ArtifactStore, BenchmarksRepo, Db, JobLogsRepo, JobsRepo, ModelsRepo, VariantsRepo } from '@whittle/store';
import type { WorkerLogger } from '../logger.ts';
import type { Semaphore } from '../semaphore.ts';
import type { RunningJobs } from '../running-jobs.ts';
import type { TaskName } from '../tasks/task-modules.ts';

export interface WorkerDeps {
  readonly db: Db;
  readonly jobs: JobsRepo;
  readonly jobLogs: JobLogsRepo;
  readonly models: ModelsRepo;
  readonly variants: VariantsRepo;
  readonly benchmarks: BenchmarksRepo;
  readonly artifacts: ArtifactStore;
  readonly logger: WorkerLogger;
  readonly slots: Semaphore;
  readonly running: RunningJobs;
  /** Aborted when close() starts: deliveries still waiting for a slot hand their job back. */
  readonly closing: AbortSignal;
  readonly taskModules: Readonly<Record<TaskName, string>>;
  readonly workerId: string;
  readonly dataDir: string;
  readonly jobTimeoutMs: number;
  readonly jobMemoryBytes: number;
}
