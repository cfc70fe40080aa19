import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';
import { toS3StoreError } from './s3-errors.ts';

// The source is written to a local file first: the object name is the content's hash, known only at the end, and
// S3 has no rename. These helpers mirror the local store's put loop (local-artifact-store.ts), which keeps its own
// private copy.

/** A complete, hashed copy of the content on local disk. The caller uploads it and then removes `path`. */
export interface SpooledContent {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface SpoolOptions {
  readonly dir: string;
  readonly maxBytes: number;
  readonly signal: AbortSignal | undefined;
}

const spoolNamePattern = /^s3-put-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/** Whether `name` is a spool file this store created, so a sweep never touches anything else in a shared dir. */
export function isSpoolFileName(name: string): boolean {
  return spoolNamePattern.test(name);
}

/**
 * Streams `source` into a new file under `dir`, hashing as it goes and refusing more than `maxBytes` before writing
 * it. On any failure or abort the file is removed, the source is told to stop, and a store error is thrown.
 */
export async function spoolToTempFile(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  { dir, maxBytes, signal }: SpoolOptions,
): Promise<SpooledContent> {
  const path = join(dir, `s3-put-${randomUUID()}.tmp`);
  let handle: FileHandle | undefined;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  let finished = false;
  try {
    await mkdir(dir, { recursive: true });
    // `wx`: never follow or reuse something already at the name; 0o600: the content may be a private model.
    handle = await open(path, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    iterator = (source instanceof Uint8Array ? single(source) : source)[Symbol.asyncIterator]();
    for (;;) {
      const step = await nextOrAbort(iterator, signal);
      if (step.done === true) break;
      const chunk: unknown = step.value;
      if (!(chunk instanceof Uint8Array)) {
        throw new ArtifactStoreError(ArtifactStoreErrorCode.Source, 'The upload stream yielded something other than bytes.');
      }
      size += chunk.byteLength;
      // Checked before writing, so an oversized upload never puts more than maxBytes on disk.
      if (size > maxBytes) {
        throw new ArtifactStoreError(ArtifactStoreErrorCode.TooLarge, `The content is larger than the limit of ${maxBytes} bytes.`);
      }
      hash.update(chunk);
      await writeFully(handle, chunk);
      throwIfAborted(signal);
    }
    finished = true;
    // No fsync: the file is read back by the upload and deleted; a crash loses the put either way.
    await handle.close();
    handle = undefined;
    return { path, sha256: hash.digest('hex'), size };
  } catch (error) {
    if (!finished && iterator !== undefined) releaseSource(iterator);
    await handle?.close().catch(ignore);
    await rm(path, { force: true }).catch(ignore);
    throw toS3StoreError(error, 'put');
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortedError(signal.reason);
}

export function abortedError(reason: unknown): ArtifactStoreError {
  return new ArtifactStoreError(ArtifactStoreErrorCode.Aborted, 'The upload was cancelled.', { cause: reason });
}

/** A one-chunk source, so a buffer in memory takes the same path as a stream. */
function single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => {
      let consumed = false;
      return {
        next: (): Promise<IteratorResult<Uint8Array>> => {
          const step: IteratorResult<Uint8Array> = consumed ? { done: true, value: undefined } : { done: false, value: bytes };
          consumed = true;
          return Promise.resolve(step);
        },
      };
    },
  };
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/**
 * The source's next chunk, or an abort as soon as the signal fires: a client that stalls mid-upload must not hold
 * the put (and its spool file) until the source decides to move.
 */
function nextOrAbort<T>(iterator: AsyncIterator<T>, signal: AbortSignal | undefined): Promise<IteratorResult<T>> {
  const next = iterator.next();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortedError(signal?.reason));
    };
    if (signal?.aborted === true) {
      // Keep the pending next() from surfacing as an unhandled rejection later.
      next.catch(ignore);
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    next.then(
      (step) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(step);
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        reject(
          error instanceof ArtifactStoreError
            ? error
            : new ArtifactStoreError(ArtifactStoreErrorCode.Source, 'The upload stream failed before it ended.', { cause: error }),
        );
      },
    );
  });
}

/**
 * Tells an unfinished source we stop reading (a Node stream is destroyed, a generator runs its `finally`). Not
 * awaited: a stuck source must not delay the cleanup of our own file or the caller's error.
 */
function releaseSource(iterator: AsyncIterator<Uint8Array>): void {
  try {
    const returned = iterator.return?.();
    if (returned !== undefined) returned.catch(ignore);
  } catch {
    // A source whose return() throws synchronously has nothing more for us to release.
  }
}

function ignore(): void {
  // Best-effort cleanup: the original error is the one worth reporting.
}
