/**
 * The deliveries this process is working on, by job id, so a cancel message, a lost row or a shutdown can abort the
 * right tasks. One id may have two deliveries here at once (a stale one still stopping while a new one starts).
 */
import type { StopReason } from './jobs/job-errors.ts';

export class RunningJobs {
  readonly #controllers = new Map<string, Set<AbortController>>();

  /** Registers a delivery; call `done` when it ends. */
  register(jobId: string): { readonly signal: AbortSignal; readonly stop: (reason: StopReason) => void; readonly done: () => void } {
    const controller = new AbortController();
    let set = this.#controllers.get(jobId);
    if (set === undefined) {
      set = new Set();
      this.#controllers.set(jobId, set);
    }
    set.add(controller);
    return {
      signal: controller.signal,
      stop: (reason) => {
        controller.abort(reason);
      },
      done: () => {
        const current = this.#controllers.get(jobId);
        current?.delete(controller);
        if (current?.size === 0) this.#controllers.delete(jobId);
      },
    };
  }

  /** Aborts every delivery of `jobId`; false when none runs here. */
  stop(jobId: string, reason: StopReason): boolean {
    const set = this.#controllers.get(jobId);
    if (set === undefined) return false;
    for (const controller of set) controller.abort(reason);
    return true;
  }

  stopAll(reason: StopReason): void {
    for (const set of this.#controllers.values()) for (const controller of set) controller.abort(reason);
  }

  ids(): string[] {
    return [...this.#controllers.keys()];
  }
}
