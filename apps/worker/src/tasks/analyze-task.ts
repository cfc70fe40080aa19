/**
 * Sandboxed: validates an uploaded model and computes its analysis (inspect report, graph view, groups) and the
 * static metrics of the original variant. Runs in a fresh, memory-capped child: the model is untrusted.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { analyzeModel, engineVersion, variantMetrics } from '@whittle/pipeline';
import type { SandboxTaskContext } from '../sandbox/index.ts';
import type { AnalyzeTaskInput, TaskTypes } from './task-io.ts';
import { stepContext } from './step-context.ts';

export async function run(input: AnalyzeTaskInput, ctx: SandboxTaskContext): Promise<TaskTypes['analyze']['output']> {
  const bytes = await readFile(input.modelPath);
  const analysis = await analyzeModel(bytes, input.fileName, stepContext(ctx));
  ctx.signal.throwIfAborted();
  // The analysis can be megabytes (graph view): a file, not the IPC message.
  await writeFile(input.analysisPath, JSON.stringify(analysis), { flag: 'wx' });
  return { metrics: variantMetrics(bytes), engineVersion: engineVersion() };
}
