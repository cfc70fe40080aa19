import type { Readable } from 'node:stream';
import type { CommitGate } from './commit-gate.ts';

/** A multipart file stream (busboy's), which says when it was cut at the size limit. */
export type PartStream = Readable & { readonly truncated?: boolean };

/** What an upload route checks while a file part streams through. @public */
export interface PartGuard {
  /** How many leading bytes `inspect` needs, given those collected so far (it may grow as a header is read). */
  needed(head: Uint8Array): number;
  /** Refuses the file from its first bytes (throws); never sees more than `needed` asked for, or the whole file. */
  inspect(head: Uint8Array): void;
  /** Refuses the file once its total size is known, before anything is committed (throws). */
  finish?(size: number): void;
  /** The error for a file cut at the multipart size limit. */
  tooLarge(): Error;
}

/**
 * The bytes of one file part for `ArtifactStore.put`: the head is checked before the first byte reaches the store
 * (a PNG never gets written), the end is checked before the put may commit, and then the source waits at `gate`.
 * `onConsumed` says the part has been read to its end, so the route can go on to the next part.
 *
 * If the put stops early (its size limit, an abort, our own refusal), the file stream is destroyed, which tells the
 * multipart parser to stop too.
 * @public
 */
export async function* guardedPart(
  file: PartStream,
  guard: PartGuard,
  gate: CommitGate,
  onConsumed: () => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  let consumed = false;
  try {
    let head: Uint8Array = new Uint8Array(0);
    let inspected = false;
    let size = 0;
    for await (const chunk of file as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (inspected) {
        yield chunk;
        continue;
      }
      head = concat(head, chunk);
      if (head.byteLength < guard.needed(head)) continue;
      guard.inspect(head);
      inspected = true;
      yield head;
    }
    // busboy ends a file that passes the limit early and marks it (catalogue a.1 row 2: check `truncated`).
    if (file.truncated === true) throw guard.tooLarge();
    if (!inspected) {
      guard.inspect(head);
      if (head.byteLength > 0) yield head;
    }
    guard.finish?.(size);
    consumed = true;
    onConsumed();
    await gate.opened;
  } finally {
    if (!consumed) file.destroy();
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
