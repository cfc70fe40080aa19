/**
 * The limits: wall-clock timeout, the address-space cap (both launchers), cancellation, caller errors.
 * Real child processes, no mocks; each case plays a fault from reliability-catalogue §1 or (a.2) with a task
 * module under tasks/.
 */
import { describe, expect, it } from 'vitest';
import { SANDBOX_MIN_MEMORY_BYTES, SandboxErrorCode, runSandboxed } from '../../src/sandbox/index.ts';
import { GIB, base, failureOf, task } from './helpers.ts';

describe('runSandboxed: limits', () => {
  it('stops an infinite loop at the timeout, within timeout + grace (row 34)', async () => {
    const started = performance.now();
    const result = failureOf(await runSandboxed(task('infinite-loop'), { ...base, timeoutMs: 800 }));
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ reason: 'timeout', code: SandboxErrorCode.Timeout, signal: 'SIGTERM' });
    expect(result.message).toBe('The task timed out after 800 ms and was stopped.');
    expect(elapsed).toBeGreaterThanOrEqual(800);
    // Generous upper bound: another test file may be starting children on the same cores.
    expect(elapsed).toBeLessThan(800 + 500 + 1500);
  });

  it.each([
    ['native-oom', { catchErrors: false }],
    ['wasm-oom', null],
  ])("contains unbounded native allocation (%s) as 'out-of-memory'; the parent stays healthy (rows 31, 32)", async (name, input) => {
    const rssBefore = process.memoryUsage().rss;
    const result = failureOf(await runSandboxed(task(name, input), base));
    expect(result).toMatchObject({ reason: 'out-of-memory', code: SandboxErrorCode.OutOfMemory });
    expect(result.message).toMatch(/^The task ran out of memory \(limit 2048 MiB\)/);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it("reports V8 heap exhaustion (uncatchable) as 'out-of-memory'", async () => {
    const result = failureOf(await runSandboxed(task('heap-oom'), { ...base, memoryLimitBytes: SANDBOX_MIN_MEMORY_BYTES }));
    expect(result).toMatchObject({ reason: 'out-of-memory', code: SandboxErrorCode.OutOfMemory });
    expect(result.message).toMatch(/^The task ran out of memory \(limit 2048 MiB\); its process stopped with /);
  }, 20_000);

  it("cancels through the AbortSignal: the task sees it and stops cooperatively → 'cancelled'", async () => {
    const controller = new AbortController();
    const logs: string[] = [];
    const result = failureOf(
      await runSandboxed(task('cooperative-cancel'), {
        ...base,
        signal: controller.signal,
        onProgress: () => {
          controller.abort();
        },
        onLog: (line, source) => {
          if (source === 'task') logs.push(line);
        },
      }),
    );
    expect(result).toMatchObject({ reason: 'cancelled', code: SandboxErrorCode.Cancelled, exitCode: 0 });
    expect(result.message).toBe('The job was cancelled; the task stopped.');
    expect(logs).toEqual(['stopped cooperatively: AbortError']);
  });

  it('kills a task that ignores cancellation after the grace period', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const result = failureOf(
      await runSandboxed(task('ignore-cancel'), {
        ...base,
        signal: controller.signal,
        onProgress: () => {
          abortedAt = performance.now();
          controller.abort();
        },
      }),
    );
    const elapsed = performance.now() - abortedAt;
    expect(result).toMatchObject({ reason: 'cancelled', code: SandboxErrorCode.Cancelled, signal: 'SIGKILL' });
    expect(result.message).toBe('The job was cancelled; the task did not stop within 500 ms and was killed.');
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(2000);
  });

  it('does not start a task whose signal is already aborted', async () => {
    const result = failureOf(await runSandboxed(task('echo-progress', { n: 1 }), { ...base, signal: AbortSignal.abort() }));
    expect(result.reason).toBe('cancelled');
  });

  it('rejects a cap below the Node + onnxruntime baseline and a relative module path', async () => {
    await expect(runSandboxed(task('echo-progress', { n: 1 }), { ...base, memoryLimitBytes: GIB })).rejects.toThrow(RangeError);
    await expect(runSandboxed({ module: 'tasks/echo-progress.ts', input: null }, base)).rejects.toThrow(TypeError);
  });

  it("applies the same cap through the 'ulimit' fallback", async () => {
    const result = failureOf(await runSandboxed(task('native-oom', { catchErrors: false }), { ...base, limiter: 'ulimit' }));
    expect(result.reason).toBe('out-of-memory');
    expect((await runSandboxed(task('echo-progress', { n: 2 }), { ...base, limiter: 'ulimit' })).ok).toBe(true);
  });
});
