/**
 * Stable error codes of the artifact store. They share the package's STORE_ERR_ prefix with the metadata layer's
 * codes (src/db/errors.ts) and none collides with them; the class has its own name so both can be exported. The
 * API maps them to HTTP statuses; workers map them to job failures.
 * @public
 */
export const ArtifactStoreErrorCode = {
  /** A key is not 64 lowercase hex characters (e.g. a traversal attempt); refused before any file-system access. */
  InvalidKey: 'STORE_ERR_INVALID_KEY',
  /** An option is out of range (negative `maxBytes`, non-finite age, ...). */
  InvalidOption: 'STORE_ERR_INVALID_OPTION',
  /** The content is larger than the caller's `maxBytes`; nothing was stored. */
  TooLarge: 'STORE_ERR_TOO_LARGE',
  /** No object has this key. */
  NotFound: 'STORE_ERR_NOT_FOUND',
  /** The operation was cancelled through its AbortSignal; nothing was stored. */
  Aborted: 'STORE_ERR_ABORTED',
  /** The caller's source stream failed or yielded something other than bytes; nothing was stored. */
  Source: 'STORE_ERR_SOURCE',
  /** The volume is full or over quota (ENOSPC, EDQUOT); nothing was stored. Maps to 507/503, not 500. */
  NoSpace: 'STORE_ERR_NO_SPACE',
  /** Any other storage failure. The message names the operation and the errno code, never a path. */
  Io: 'STORE_ERR_IO',
  /**
   * The storage service cannot be used right now: unreachable, timed out, 5xx or throttled after the retries, or it
   * refused the credentials (401/403) or the bucket is missing. Nothing was stored. Maps to 503, not 500.
   */
  Unavailable: 'STORE_ERR_UNAVAILABLE',
} as const;
/** @public */
export type ArtifactStoreErrorCode = (typeof ArtifactStoreErrorCode)[keyof typeof ArtifactStoreErrorCode];

/**
 * An expected store failure with a stable code and a human message. Messages never contain a host path or a
 * stack trace; the underlying error, which may, is kept in `cause` for server-side logs only.
 * @public
 */
export class ArtifactStoreError extends Error {
  override readonly name = 'ArtifactStoreError';
  constructor(
    readonly code: ArtifactStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** @public */
export function isArtifactStoreError(error: unknown): error is ArtifactStoreError {
  return error instanceof ArtifactStoreError;
}
