/** What every step takes besides its inputs: cancellation, progress and log lines, all optional. */
import { isEngineError, EngineErrorCode } from '@whittle/engine';
import { PipelineError, PipelineErrorCode } from './errors.ts';

/** @public */
export interface StepContext {
  /** Checked between phases (and between benchmark runs); aborting throws `PIPELINE_ERR_CANCELLED`. */
  readonly signal?: AbortSignal;
  /** 0..1, never decreasing. */
  readonly progress?: (fraction: number, message?: string) => void;
  readonly log?: (line: string) => void;
}

/** @throws PipelineError `PIPELINE_ERR_CANCELLED` when the step's signal is aborted. */
export function throwIfCancelled(ctx: StepContext, what: string): void {
  if (ctx.signal?.aborted === true) throw new PipelineError(PipelineErrorCode.Cancelled, `${what} was cancelled.`);
}

/**
 * The engine reports its own cancellation as `ENGINE_ERR_ABORTED`; callers of the pipeline see one code for it.
 * Other errors pass through untouched.
 */
export function asCancelled(ctx: StepContext, error: unknown, what: string): unknown {
  if (isEngineError(error) && error.code === EngineErrorCode.Aborted && ctx.signal?.aborted === true) {
    return new PipelineError(PipelineErrorCode.Cancelled, `${what} was cancelled.`);
  }
  return error;
}

/**
 * A progress callback clamped to 0..1 that never goes backwards, so a caller (the worker writes it to the job row)
 * may trust it as given. Undefined when the context has none.
 */
export function monotonicProgress(ctx: StepContext): ((fraction: number, message?: string) => void) | undefined {
  const report = ctx.progress;
  if (report === undefined) return undefined;
  let last = 0;
  return (fraction, message) => {
    const next = Math.max(last, Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)));
    last = next;
    report(next, message);
  };
}

/** The same context with progress made monotonic once at the step's entry. */
export function stepContext<C extends StepContext>(ctx: C): C {
  const progress = monotonicProgress(ctx);
  return progress === undefined ? ctx : { ...ctx, progress };
}

/** A child context whose progress 0..1 maps onto [from, to] of the parent's (recipe steps, benchmark series). */
export function progressSlice<C extends StepContext>(ctx: C, from: number, to: number): C {
  const report = ctx.progress;
  if (report === undefined) return ctx;
  return { ...ctx, progress: (fraction, message) => { report(from + (to - from) * Math.min(1, Math.max(0, fraction)), message); } };
}

/**
 * Between synchronous phases: lets a pending abort (a cancel message, a timer) land, then checks the signal.
 * @throws PipelineError `PIPELINE_ERR_CANCELLED`
 */
export async function checkpoint(ctx: StepContext, what: string): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfCancelled(ctx, what);
}
