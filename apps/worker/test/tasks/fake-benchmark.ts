/** A quick benchmark task: ten progress steps with messages and log lines, then a schema-valid result. */
import type { SandboxTaskContext } from '../../src/sandbox/index.ts';
import type { BenchmarkTaskInput, TaskTypes } from '../../src/tasks/task-io.ts';

export async function run(input: BenchmarkTaskInput, ctx: SandboxTaskContext): Promise<TaskTypes['benchmark']['output']> {
  for (let i = 1; i <= 10; i++) {
    ctx.progress(i / 10, `series step ${String(i)}`);
    ctx.log(`line ${String(i)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const series = {
    threads: input.settings.threads[0] ?? 1,
    batchSize: 1,
    inputs: { x: [1, 3, 48, 192] },
    warmupRuns: 0,
    runs: 3,
    stable: true,
    p50Ms: 1,
    p90Ms: 1,
    p99Ms: 1,
    minMs: 1,
    maxMs: 1,
    throughputPerSec: 1000,
  };
  return {
    results: {
      runtime: 'fake',
      runtimeVersion: '0',
      executionProvider: 'cpu',
      cpuModel: 'test cpu',
      logicalCores: 1,
      peakRssBytes: 0,
      sessionCreateMs: 0,
      series: [series],
      notes: [],
    },
    device: 'test device',
  };
}
