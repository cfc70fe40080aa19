import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';

// Every store takes content in the same way: a key is the content's hash, known only at the end, so the source is
// streamed into a temp file first. What happens to the file next (a rename, an upload) is each store's own business.

/** Options of {@link streamToTempFile}. */
export interface TempFileOptions {
  /** A fresh name (opened with `wx`); its directory is created when missing. */
  readonly path: string;
  readonly maxBytes: number;
  readonly signal: AbortSignal | undefined;
  /** Permission bits of the new file; `open`'s default when absent. */
  readonly mode?: number;
  /** Whether the data must reach the disk before the file is closed (the file becomes an object as it is). */
  readonly fsync: boolean;
}

/** The hash and size of the content now complete at the temp file's path. */
export interface TempFileContent {
  readonly sha256: string;
  readonly size: number;
}

/**
 * Streams `source` into a new file at `path`, hashing as it goes and refusing more than `maxBytes` before writing it.
 * On any failure or abort the file is removed, the source is told to stop, and the error is rethrown as found (a store
 * error, or a file-system error for the caller to map): each store words its own I/O errors.
 */
export async function streamToTempFile(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  { path, maxBytes, signal, mode, fsync }: TempFileOptions,
): Promise<TempFileContent> {
  let handle: FileHandle | undefined;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  let finished = false;
  try {
    await mkdir(dirname(path), { recursive: true });
    // `wx`: never follow or reuse something already at the name.
    handle = await open(path, 'wx', mode);
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
    if (fsync) await handle.sync();
    await handle.close();
    handle = undefined;
    return { sha256: hash.digest('hex'), size };
  } catch (error) {
    if (!finished && iterator !== undefined) releaseSource(iterator);
    await handle?.close().catch(ignore);
    await rm(path, { force: true }).catch(ignore);
    throw error;
  }
}

/** STORE_ERR_ABORTED when `signal` has fired. */
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
 * the put (and its temp file) until the source decides to move.
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
 * awaited: a stuck source must not delay the cleanup of our own temp file or the caller's error.
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
