/**
 * A counting semaphore: one per process, shared by the BullMQ workers of every kind, so the sandboxes running at
 * once never exceed the configured concurrency (catalogue F18) whatever mix of kinds is queued.
 */
export class Semaphore {
  #free: number;
  readonly #waiters: { grant: () => void; reject: (error: unknown) => void }[] = [];

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) throw new RangeError('Semaphore: permits must be a positive integer.');
    this.#free = permits;
  }

  /** Resolves with a release function once a permit is free; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#free > 0) {
      this.#free -= 1;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#releaser());
        },
        reject,
      };
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        const reason: unknown = signal?.reason;
        reject(reason instanceof Error ? reason : new Error(`semaphore wait aborted: ${String(reason)}`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next.grant();
      else this.#free += 1;
    };
  }
}
