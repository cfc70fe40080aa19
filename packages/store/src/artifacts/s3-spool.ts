import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { toS3StoreError } from './s3-errors.ts';
import { streamToTempFile } from './stream-to-temp-file.ts';

// The source is written to a local file first: the object name is the content's hash, known only at the end, and
// S3 has no rename. The put loop itself is shared with the local store (stream-to-temp-file.ts).

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
  try {
    // 0o600: the content may be a private model. No fsync: the file is read back by the upload and deleted; a crash
    // loses the put either way.
    const { sha256, size } = await streamToTempFile(source, { path, maxBytes, signal, mode: 0o600, fsync: false });
    return { path, sha256, size };
  } catch (error) {
    throw toS3StoreError(error, 'put');
  }
}
