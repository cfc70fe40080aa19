/**
 * What a sandboxed task module sees. A task module is a file exporting `run(input, ctx)`; it runs in a fresh
 * child process (reliability-catalogue §1, design rule 2), so it may load onnxruntime and crash without
 * harming the worker.
 */

/** The context handed to a task's `run`. */
export interface SandboxTaskContext {
  /**
   * Aborted when the job is cancelled. Pass it to the engine: onnxruntime-node cannot cancel a run
   * (catalogue §0), so the engine checks it between steps; a task that ignores it is killed after a grace period.
   */
  readonly signal: AbortSignal;
  /** Reports progress; `fraction` is clamped to [0, 1]. Delivered to the parent in call order. */
  progress(fraction: number, message?: string): void;
  /** Sends one log line to the parent, ordered with progress. */
  log(line: string): void;
}

/** The shape of a task module's `run` export. */
export type SandboxTaskRun<Input = unknown, Output = unknown> = (input: Input, ctx: SandboxTaskContext) => Promise<Output> | Output;
