import { lstat, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotImplemented, toS3StoreError } from './s3-errors.ts';
import { isSpoolFileName } from './s3-spool.ts';

/**
 * Removes this store's spool files in `dir` last modified before `cutoffMs`. Other files are left alone: the
 * directory may be shared. A live put's spool file moves its mtime with every chunk while it is written; once it
 * is being uploaded, removing it is harmless on POSIX (the upload holds it open).
 */
export async function sweepSpoolDir(dir: string, cutoffMs: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return 0;
    throw toS3StoreError(error, 'sweep');
  }
  let removed = 0;
  for (const name of names) {
    if (!isSpoolFileName(name)) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (!info.isFile() || info.mtimeMs > cutoffMs) continue;
      await unlink(path);
      removed += 1;
    } catch (error) {
      // The put itself or another sweeper removed it first.
      if (errnoCode(error) === 'ENOENT') continue;
      throw toS3StoreError(error, 'sweep');
    }
  }
  return removed;
}

/**
 * Aborts multipart uploads under `keyPrefix` started before `cutoffMs`: a crashed process leaves their parts
 * stored (and billed) but invisible. Resolves how many it aborted, or 0 when the server does not implement
 * ListMultipartUploads (s3rver answers 501) — there is nothing we can list, so nothing to do.
 */
export async function abortStaleMultipartUploads(
  client: S3Client,
  bucket: string,
  keyPrefix: string,
  cutoffMs: number,
): Promise<number> {
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  try {
    for (;;) {
      const page = await client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          Prefix: keyPrefix,
          ...(keyMarker === undefined ? {} : { KeyMarker: keyMarker }),
          ...(uploadIdMarker === undefined ? {} : { UploadIdMarker: uploadIdMarker }),
        }),
      );
      for (const upload of page.Uploads ?? []) {
        const { Key: key, UploadId: uploadId, Initiated: initiated } = upload;
        if (key === undefined || uploadId === undefined || initiated === undefined) continue;
        if (initiated.getTime() > cutoffMs) continue;
        if (await abortUpload(client, bucket, key, uploadId)) aborted += 1;
      }
      if (page.IsTruncated !== true) break;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
      // A truncated page without markers would make us list the same page forever.
      if (keyMarker === undefined && uploadIdMarker === undefined) break;
    }
  } catch (error) {
    if (isNotImplemented(error)) return aborted;
    throw toS3StoreError(error, 'sweep');
  }
  return aborted;
}

/** False when the upload finished or was aborted by someone else meanwhile. */
async function abortUpload(client: S3Client, bucket: string, key: string, uploadId: string): Promise<boolean> {
  try {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'NoSuchUpload') return false;
    throw error;
  }
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}
