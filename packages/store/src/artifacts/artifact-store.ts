import type { Readable } from 'node:stream';
import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';

/** Options of {@link ArtifactStore.put}. @public */
export interface PutOptions {
  /** Refuse content longer than this many bytes (checked as the bytes arrive, before they are written). */
  readonly maxBytes?: number;
  /** Cancels the put; the partial temp file is removed and nothing is stored. */
  readonly signal?: AbortSignal;
}

/** What {@link ArtifactStore.put} stored. @public */
export interface PutResult {
  /** The key to read the object back with. Derived only from the content hash. */
  readonly key: string;
  /** Lowercase hex SHA-256 of the content. */
  readonly sha256: string;
  /** Content length in bytes. */
  readonly size: number;
}

/** Options of {@link ArtifactStore.readAll}. @public */
export interface ReadAllOptions {
  /** Refuse to buffer an object longer than this many bytes (STORE_ERR_TOO_LARGE). */
  readonly maxBytes?: number;
}

/**
 * Content-addressed, immutable blob storage for models, variants, datasets and reports.
 *
 * Keys are produced by the store (never by a user), so they can be S3 object names as they are; every method takes
 * a key that has not been validated yet and refuses anything but 64 lowercase hex characters with
 * STORE_ERR_INVALID_KEY before touching storage. Objects are visible only once complete: a failed or aborted put
 * leaves nothing behind. Reference counting is the metadata layer's job: `delete` removes the object whoever else
 * stored the same content, so call it only when no row refers to the key.
 * @public
 */
export interface ArtifactStore {
  /** Streams `source` into the store, hashing as it goes; identical content is stored once. */
  put(source: AsyncIterable<Uint8Array> | Uint8Array, options?: PutOptions): Promise<PutResult>;
  /**
   * A stream of the object's bytes; rejects with STORE_ERR_NOT_FOUND when there is none. The stream holds an open
   * file until it ends: consume it or `destroy()` it (e.g. when the HTTP client goes away).
   */
  get(key: string): Promise<Readable>;
  /** The whole object in memory: for small artifacts (reports, plans) only. */
  readAll(key: string, options?: ReadAllOptions): Promise<Uint8Array>;
  /** Whether an object has this key. */
  has(key: string): Promise<boolean>;
  /** The object's size, or `undefined` when there is none. */
  stat(key: string): Promise<{ readonly size: number } | undefined>;
  /** Removes the object; resolves `false` when there was none (idempotent). */
  delete(key: string): Promise<boolean>;
  /**
   * Removes temp files older than `olderThanMs` (left by a crashed process) and resolves how many it removed.
   * Pass an age longer than the longest upload may stall, or 0 at start-up before any put runs.
   */
  sweepTemp(olderThanMs: number): Promise<number>;
}

const keyPattern = /^[0-9a-f]{64}$/;

/**
 * Throws STORE_ERR_INVALID_KEY unless `key` is 64 lowercase hex characters. The message does not echo the key:
 * it is untrusted input of any length and content.
 * @public
 */
export function assertArtifactKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidKey, 'An artifact key must be 64 lowercase hexadecimal characters.');
  }
}

/** Whether `key` is a well-formed artifact key. @public */
export function isArtifactKey(key: unknown): key is string {
  return typeof key === 'string' && keyPattern.test(key);
}
