/**
 * What the runner returns: output with ordered progress, coded and uncoded task errors, crashes.
 * Real child processes, no mocks; each case plays a fault from reliability-catalogue §1 or (a.2) with a task
 * module under tasks/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SandboxErrorCode, runSandboxed } from '../../src/sandbox/index.ts';
import type { SandboxProgress } from '../../src/sandbox/index.ts';
import { base, failureOf, task, tasksDir } from './helpers.ts';

describe('runSandboxed: outcomes', () => {
  it('returns the output, with progress and logs in order', async () => {
    const progress: SandboxProgress[] = [];
    const logs: string[] = [];
    const result = await runSandboxed(task('echo-progress', { n: 21 }), {
      ...base,
      onProgress: (p) => progress.push(p),
      onLog: (line, source) => logs.push(`${source}:${line}`),
    });
    expect(result.ok).toBe(true);
    const output = result.ok ? (result.output as { doubled: number; pid: number }) : undefined;
    expect(output?.doubled).toBe(42);
    expect(output?.pid).not.toBe(process.pid);
    expect(progress).toEqual([
      { fraction: 0.25, message: 'step 1' },
      { fraction: 0.5, message: 'step 2' },
      { fraction: 0.75, message: 'step 3' },
    ]);
    expect(logs).toContain('task:done');
  });

  it('passes only an explicit, minimal environment to the child', async () => {
    const result = await runSandboxed(task('env'), { ...base, env: { OMP_NUM_THREADS: '1' } });
    expect(result.ok).toBe(true);
    const names = result.ok ? (result.output as string[]) : [];
    expect(names).toContain('OMP_NUM_THREADS');
    expect(names).not.toContain('PATH');
    expect(names).not.toContain('HOME');
    expect(names.every((name) => ['LANG', 'TZ', 'MALLOC_ARENA_MAX', 'OMP_NUM_THREADS', 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE'].includes(name))).toBe(true);
  });

  it("returns a task's coded error as 'failed' with that code (the UnrecoverableError case)", async () => {
    const result = failureOf(await runSandboxed(task('coded-error'), base));
    expect(result).toMatchObject({ reason: 'failed', code: 'ENGINE_ERR_SHAPE_MISMATCH' });
    expect(result.message).toBe("Node 'Add_1': shapes [1,3] and [4] cannot broadcast.");
  });

  it('returns an uncoded error without its stack or host paths', async () => {
    const result = failureOf(await runSandboxed(task('uncoded-error'), base));
    expect(result).toMatchObject({ reason: 'failed', code: SandboxErrorCode.TaskFailed });
    expect(result.message).toContain("reading 'dims'");
    expect(result.message).toContain('<path>/helper.ts');
    expect(result.message).not.toContain(tasksDir);
    expect(result.message).not.toMatch(/\n\s+at /);
  });

  it('reports a module without run() as a bad task module', async () => {
    const result = failureOf(await runSandboxed({ module: join(tasksDir, 'missing.ts'), input: null }, base));
    expect(result).toMatchObject({ reason: 'failed', code: SandboxErrorCode.BadTaskModule });
    expect(result.message).not.toContain(tasksDir);
  });

  it.each([
    ['crash-abort', 'SIGABRT'],
    ['crash-segv', 'SIGSEGV'],
  ])("reports %s as 'crashed' with the signal (rows 33, 36, 40)", async (name, signal) => {
    const result = failureOf(await runSandboxed(task(name), base));
    expect(result).toMatchObject({ reason: 'crashed', code: SandboxErrorCode.Crashed, signal });
    expect(result.message).toBe(`The task's process crashed (signal ${signal}).`);
  });

  it("reports process.exit(3) as 'crashed' with the exit code", async () => {
    const result = failureOf(await runSandboxed(task('exit-3'), base));
    expect(result).toMatchObject({ reason: 'crashed', code: SandboxErrorCode.Crashed, exitCode: 3 });
    expect(result.message).toBe("The task's process crashed (exit code 3).");
  });
});
