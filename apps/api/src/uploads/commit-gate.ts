/**
 * Holds the commit of streamed uploads until the whole request has been read. A put whose source awaits the gate has
 * hashed and written every byte to its temp file but cannot rename it into place: a later part that breaks a limit
 * (a second file, too many fields, an aborted body) fails the gate, every held put fails, and their temp files go —
 * nothing of a refused request is stored (catalogue a.1, "nothing is persisted").
 * @public
 */
export class CommitGate {
  readonly opened: Promise<void>;
  #open: () => void = () => undefined;
  #fail: (reason: unknown) => void = () => undefined;

  constructor() {
    this.opened = new Promise<void>((resolve, reject) => {
      this.#open = resolve;
      this.#fail = reject;
    });
    // Held puts observe the failure; the gate itself must not count as an unhandled rejection.
    this.opened.catch(() => undefined);
  }

  /** Lets every held put commit. */
  open(): void {
    this.#open();
  }

  /** Makes every held put fail and discard its temp file. A no-op once opened. */
  fail(reason: unknown): void {
    this.#fail(reason);
  }

  /**
   * Fails the gate and waits until the held puts have removed their temp files, so the refusal is answered only
   * once nothing of the upload is left (bounded: a put is either at the gate or already settled).
   */
  async discard(reason: unknown, held: readonly Promise<unknown>[]): Promise<void> {
    this.fail(reason);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, DISCARD_WAIT_MS)));
    await Promise.race([Promise.allSettled(held), bound]);
    clearTimeout(timer);
  }
}

/** How long a refusal waits for held puts to clean up before answering anyway. */
const DISCARD_WAIT_MS = 5_000;
