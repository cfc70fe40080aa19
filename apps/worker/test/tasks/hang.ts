/** Stands in for a long task: reports that it started, then waits for its AbortSignal like the pipeline does. */
import type { SandboxTaskContext } from '../../src/sandbox/index.ts';

export async function run(_input: unknown, ctx: SandboxTaskContext): Promise<never> {
  ctx.progress(0.05, 'task started');
  ctx.log('hanging until cancelled');
  await new Promise<void>((resolve) => {
    ctx.signal.addEventListener('abort', () => {
      resolve();
    }, { once: true });
  });
  ctx.signal.throwIfAborted();
  throw new Error('unreachable');
}
