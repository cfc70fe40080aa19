/** Ignores its AbortSignal and never finishes: only the sandbox's timeout (SIGTERM, then SIGKILL) ends it. */
import type { SandboxTaskContext } from '../../src/sandbox/index.ts';

export function run(_input: unknown, ctx: SandboxTaskContext): Promise<never> {
  ctx.progress(0.05, 'stuck');
  return new Promise(() => {
    setInterval(() => undefined, 1000);
  });
}
