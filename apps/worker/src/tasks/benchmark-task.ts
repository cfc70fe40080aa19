/** Sandboxed: measures one model file with onnxruntime-node on this machine (one recipe step). */
import { readFile } from 'node:fs/promises';
import { benchmarkModel, deviceLabel } from '@whittle/pipeline';
import type { SandboxTaskContext } from '../sandbox/index.ts';
import type { BenchmarkTaskInput, TaskTypes } from './task-io.ts';
import { stepContext } from './step-context.ts';

export async function run(input: BenchmarkTaskInput, ctx: SandboxTaskContext): Promise<TaskTypes['benchmark']['output']> {
  const bytes = await readFile(input.modelPath);
  const results = await benchmarkModel(bytes, input.settings, stepContext(ctx));
  return { results, device: deviceLabel() };
}
