/**
 * The sandboxed task modules, by name. Each runs in a fresh child process (src/sandbox) and sees only the paths
 * and parameters in its input: no database, no Redis, no credentials.
 */
import { fileURLToPath } from 'node:url';

/** @public */
export const TASK_NAMES = ['analyze', 'prune', 'benchmark'] as const;

/** @public */
export type TaskName = (typeof TASK_NAMES)[number];

/** Absolute paths, as runSandboxed requires. */
export const TASK_MODULES: Readonly<Record<TaskName, string>> = {
  analyze: fileURLToPath(new URL('analyze-task.ts', import.meta.url)),
  prune: fileURLToPath(new URL('prune-task.ts', import.meta.url)),
  benchmark: fileURLToPath(new URL('benchmark-task.ts', import.meta.url)),
};
