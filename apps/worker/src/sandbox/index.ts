/** The sandboxed job runner: one memory-capped, killable child process per task (DESIGN.md §5). */
export {
  SANDBOX_DEFAULT_KILL_GRACE_MS,
  SANDBOX_MIN_MEMORY_BYTES,
  SandboxErrorCode,
  runSandboxed,
} from './run-sandboxed.ts';
export type {
  SandboxFailure,
  SandboxFailureReason,
  SandboxLogSource,
  SandboxOptions,
  SandboxProgress,
  SandboxResult,
  SandboxSuccess,
  SandboxTask,
} from './run-sandboxed.ts';
export type { SandboxTaskContext, SandboxTaskRun } from './task.ts';
