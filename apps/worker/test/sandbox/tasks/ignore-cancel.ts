/** Ignores its AbortSignal and keeps the event loop busy forever: only SIGKILL ends it. */
import type { SandboxTaskContext } from '../../../src/sandbox/index.ts';

export function run(_input: unknown, ctx: SandboxTaskContext): Promise<never> {
  ctx.progress(0.1, 'ignoring cancellation');
  setInterval(() => undefined, 1000);
  return new Promise<never>(() => undefined);
}
