/** Shared by the sandbox tests: task module paths, default options and small assertions. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxFailure, SandboxOptions, SandboxResult, SandboxTask } from '../../src/sandbox/index.ts';

export const GIB = 1024 * 1024 * 1024;
export const tasksDir = join(import.meta.dirname, 'tasks');

/** A task module under tasks/, by file name without extension. */
export function task(name: string, input: unknown = null): SandboxTask {
  return { module: join(tasksDir, `${name}.ts`), input };
}

/** Generous timeout, short grace: the tests that exercise timeouts and grace periods set their own. */
export const base: SandboxOptions = { memoryLimitBytes: 2 * GIB, timeoutMs: 15_000, killGraceMs: 500 };

export function failureOf(result: SandboxResult): SandboxFailure {
  if (result.ok) throw new Error(`expected a failure, got output ${JSON.stringify(result.output)}`);
  return result;
}

/** Every process whose environment carries `marker`: the sandbox children and anything they started. */
export function processesWithMarker(marker: string): { pid: number; state: string }[] {
  const found: { pid: number; state: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const afterName = stat.lastIndexOf(')') + 2;
      found.push({ pid: Number(entry), state: stat.slice(afterName, afterName + 1) });
    } catch {
      // Gone between readdir and read, or not ours to read.
    }
  }
  return found;
}
