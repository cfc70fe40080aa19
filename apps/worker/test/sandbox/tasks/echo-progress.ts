/** Reports progress in three steps, logs a line and returns its input doubled with its pid. */
import type { SandboxTaskContext } from '../../../src/sandbox/index.ts';

export async function run(input: { n: number }, ctx: SandboxTaskContext): Promise<{ doubled: number; pid: number }> {
  for (const step of [1, 2, 3]) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    ctx.progress(step / 4, `step ${String(step)}`);
  }
  ctx.log('done');
  return { doubled: input.n * 2, pid: process.pid };
}
