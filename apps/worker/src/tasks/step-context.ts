/** The pipeline's StepContext from the sandbox's task context: cancellation, progress and log lines. */
import type { SandboxTaskContext } from '../sandbox/index.ts';

export interface TaskStepContext {
  readonly signal: AbortSignal;
  progress(fraction: number, message?: string): void;
  log(line: string): void;
}

export function stepContext(ctx: SandboxTaskContext): TaskStepContext {
  return {
    signal: ctx.signal,
    progress: (fraction, message) => {
      ctx.progress(fraction, message);
    },
    log: (line) => {
      ctx.log(line);
    },
  };
}
