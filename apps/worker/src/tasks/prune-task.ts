/** Sandboxed: prunes one model file with a plan and writes the result beside it (one recipe step). */
import { readFile, writeFile } from 'node:fs/promises';
import { engineVersion, pruneModel } from '@whittle/pipeline';
import type { SandboxTaskContext } from '../sandbox/index.ts';
import type { PruneTaskInput, TaskTypes } from './task-io.ts';
import { stepContext } from './step-context.ts';

export async function run(input: PruneTaskInput, ctx: SandboxTaskContext): Promise<TaskTypes['prune']['output']> {
  const bytes = await readFile(input.modelPath);
  const pruned = await pruneModel(bytes, input.step, { ...stepContext(ctx), fileName: input.fileName });
  ctx.signal.throwIfAborted();
  await writeFile(input.outputPath, pruned.bytes, { flag: 'wx' });
  return { report: pruned.report, metrics: pruned.metrics, engineVersion: engineVersion() };
}
