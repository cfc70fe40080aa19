/** Waits for its AbortSignal like the engine does between steps, says so, and stops. */
import type { SandboxTaskContext } from '../../../src/sandbox/index.ts';

export async function run(_input: unknown, ctx: SandboxTaskContext): Promise<never> {
  ctx.progress(0.1, 'waiting');
  await new Promise<void>((resolve) => {
    ctx.signal.addEventListener('abort', () => {
      resolve();
    }, { once: true });
  });
  ctx.log(`stopped cooperatively: ${ctx.signal.reason instanceof DOMException ? ctx.signal.reason.name : 'unknown'}`);
  ctx.signal.throwIfAborted();
  throw new Error('unreachable');
}
