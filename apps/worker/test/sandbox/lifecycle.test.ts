/**
 * A real onnxruntime job in the child, and no zombie or orphan left behind.
 * Real child processes, no mocks; each case plays a fault from reliability-catalogue §1 or (a.2) with a task
 * module under tasks/.
 */
import { describe, expect, it } from 'vitest';
import { runSandboxed } from '../../src/sandbox/index.ts';
import { base, processesWithMarker, task } from './helpers.ts';

describe('runSandboxed: lifecycle', () => {
  it('runs a real onnxruntime inference (PaddleOCR cls) in the child', async () => {
    const result = await runSandboxed(task('ort-cls'), base);
    expect(result.ok).toBe(true);
    const output = result.ok ? (result.output as { outputs: Record<string, number[]>; runtime: string }) : undefined;
    expect(Object.values(output?.outputs ?? {})).toEqual([[1, 2]]);
    expect(output?.runtime).toMatch(/^onnxruntime-node 1\.30\.0/);
  });

  it('leaves no zombie or orphan after ten tasks in a row, whatever their outcome', async () => {
    const marker = `WHITTLE_SANDBOX_TEST=${String(process.pid)}-${String(Date.now())}`;
    const env = { WHITTLE_SANDBOX_TEST: marker.split('=')[1] ?? '' };
    const names = ['echo-progress', 'crash-segv', 'exit-3', 'coded-error', 'crash-abort', 'echo-progress', 'native-oom', 'exit-3', 'crash-segv', 'echo-progress'];
    const reasons: string[] = [];
    for (const name of names) {
      const result = await runSandboxed(task(name, name === 'echo-progress' ? { n: 1 } : { catchErrors: false }), { ...base, env });
      reasons.push(result.ok ? 'ok' : result.reason);
    }
    expect(reasons).toEqual(['ok', 'crashed', 'crashed', 'failed', 'crashed', 'ok', 'out-of-memory', 'crashed', 'crashed', 'ok']);
    // tsx's esbuild helper exits when its parent's pipe closes; give it a moment before looking.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesWithMarker(marker)).toEqual([]);
  }, 30_000);
});
