import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  type ArtifactStore,
  assertArtifactKey,
  type PutOptions,
  type PutResult,
  type ReadAllOptions,
} from './artifact-store.ts';
import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';
import { resolveS3Config, type S3ArtifactStoreConfig } from './s3-artifact-store-config.ts';
import { createS3Client } from './s3-client.ts';
import { isMissingObject, type S3Operation, toS3StoreError } from './s3-errors.ts';
import { type SpooledContent, spoolToTempFile } from './s3-spool.ts';
import { abortStaleMultipartUploads, sweepSpoolDir } from './s3-sweep.ts';
import { abortedError, throwIfAborted } from './stream-to-temp-file.ts';

/** An {@link ArtifactStore} on an S3-compatible server. @public */
export interface S3ArtifactStore extends ArtifactStore {
  /** Closes the client's pooled connections (at shutdown); the store must not be used afterwards. */
  close(): void;
}

/** S3 has no directories: `objects/` is only part of the name, keeping room under the prefix for other kinds later. */
const objectsFolder = 'objects/';

/** The object name of `key` under `prefix`: `<prefix>objects/<sha256>`. `key` must already be validated. @public */
export function s3ArtifactObjectName(prefix: string, key: string): string {
  return `${prefix}${objectsFolder}${key}`;
}

/**
 * An {@link ArtifactStore} on any S3-compatible server (AWS S3, MinIO, Ceph RGW, ...). `put` spools the content to
 * `tempDir` while hashing it, then uploads it as `<prefix>objects/<sha256>`; object names are built only from the
 * validated key. Throws STORE_ERR_INVALID_OPTION for a bad configuration; sends no request until used.
 * @public
 */
export function createS3ArtifactStore(config: S3ArtifactStoreConfig): S3ArtifactStore {
  const resolved = resolveS3Config(config);
  const client = createS3Client(resolved);
  const { bucket, prefix, tempDir } = resolved;
  const objectName = (key: string): string => s3ArtifactObjectName(prefix, key);

  async function put(source: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const { maxBytes = Number.POSITIVE_INFINITY, signal } = options;
    if (!(maxBytes >= 0)) {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'maxBytes must be a non-negative number.');
    }
    throwIfAborted(signal);
    // Removes its own file and throws a store error when it fails, so nothing below runs for a refused upload.
    const spooled = await spoolToTempFile(source, { dir: tempDir, maxBytes, signal });
    try {
      throwIfAborted(signal);
      // Identical content is stored once. A same-named object of another size can only be a damaged copy: replace it.
      const existing = await headSize(spooled.sha256, 'put');
      if (existing !== spooled.size) await upload(spooled, signal);
      return { key: spooled.sha256, sha256: spooled.sha256, size: spooled.size };
    } catch (error) {
      throw toS3StoreError(error, 'put');
    } finally {
      await rm(spooled.path, { force: true }).catch(ignore);
    }
  }

  /**
   * Uploads the spooled file. Visible only when complete: a single PUT and CompleteMultipartUpload are atomic in S3,
   * so a reader sees the whole object or none, and a failed or aborted multipart upload leaves only invisible parts
   * (aborted by lib-storage, or by `sweepTemp` after a crash). Memory stays near `(queueSize + 1) * partSize`.
   */
  async function upload(spooled: SpooledContent, signal: AbortSignal | undefined): Promise<void> {
    // Checked here too: a listener added to an already aborted signal never fires.
    throwIfAborted(signal);
    const body = createReadStream(spooled.path);
    let transfer: Upload | undefined;
    const onAbort = (): void => {
      void transfer?.abort();
    };
    try {
      transfer = new Upload({
        client,
        params: {
          Bucket: bucket,
          Key: objectName(spooled.sha256),
          Body: body,
          ContentLength: spooled.size,
          ContentType: 'application/octet-stream',
        },
        // S3 allows 10 000 parts: grow the part size for content that would need more.
        partSize: Math.max(resolved.partSizeBytes, Math.ceil(spooled.size / 10_000)),
        queueSize: resolved.queueSize,
        leavePartsOnError: false,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      await transfer.done();
    } catch (error) {
      if (signal?.aborted === true) throw abortedError(signal.reason);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Ends lib-storage's reads after an abort (done() settles before its part uploads do) and frees the handle.
      body.destroy();
    }
  }

  /** The object's size, or undefined when there is none. */
  async function headSize(key: string, operation: S3Operation): Promise<number | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectName(key) }));
      if (head.ContentLength === undefined) {
        throw new ArtifactStoreError(ArtifactStoreErrorCode.Io, `The artifact store failed to ${operation} (no object size).`);
      }
      return head.ContentLength;
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw toS3StoreError(error, operation);
    }
  }

  /** The object's body stream and advertised length; STORE_ERR_NOT_FOUND when there is none. */
  async function getObject(key: string, operation: S3Operation): Promise<{ body: Readable; length: number | undefined }> {
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectName(key) }));
      const body = response.Body;
      // The Node runtime answers with an IncomingMessage; anything else means a browser or edge build got bundled.
      if (!(body instanceof Readable)) {
        throw new ArtifactStoreError(ArtifactStoreErrorCode.Io, `The artifact store failed to ${operation} (no body stream).`);
      }
      return { body, length: response.ContentLength };
    } catch (error) {
      throw toS3StoreError(error, operation);
    }
  }

  async function get(key: string): Promise<Readable> {
    assertArtifactKey(key);
    // The stream holds a pooled connection until it ends or is destroyed.
    return (await getObject(key, 'get')).body;
  }

  async function readAll(key: string, options: ReadAllOptions = {}): Promise<Uint8Array> {
    assertArtifactKey(key);
    const { maxBytes = Number.POSITIVE_INFINITY } = options;
    if (!(maxBytes >= 0)) {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'maxBytes must be a non-negative number.');
    }
    const { body, length } = await getObject(key, 'read');
    const tooLarge = (): ArtifactStoreError =>
      new ArtifactStoreError(ArtifactStoreErrorCode.TooLarge, `The artifact is larger than the limit of ${maxBytes} bytes.`);
    if (length !== undefined && length > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      // Counted as well: the advertised length is the server's word, the buffer is our memory.
      for await (const chunk of body) {
        const bytes: unknown = chunk;
        if (!(bytes instanceof Uint8Array)) {
          throw new ArtifactStoreError(ArtifactStoreErrorCode.Io, 'The artifact store failed to read (not bytes).');
        }
        size += bytes.byteLength;
        if (size > maxBytes) throw tooLarge();
        chunks.push(bytes);
      }
    } catch (error) {
      body.destroy();
      throw toS3StoreError(error, 'read');
    }
    const all = Buffer.concat(chunks, size);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  }

  async function stat(key: string): Promise<{ readonly size: number } | undefined> {
    assertArtifactKey(key);
    const size = await headSize(key, 'stat');
    return size === undefined ? undefined : { size };
  }

  async function has(key: string): Promise<boolean> {
    return (await stat(key)) !== undefined;
  }

  async function deleteObject(key: string): Promise<boolean> {
    assertArtifactKey(key);
    // S3's DELETE succeeds whether or not the object exists, so ask first to tell the caller which it was.
    if ((await headSize(key, 'delete')) === undefined) return false;
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectName(key) }));
      return true;
    } catch (error) {
      throw toS3StoreError(error, 'delete');
    }
  }

  async function sweepTemp(olderThanMs: number): Promise<number> {
    if (!(olderThanMs >= 0) || !Number.isFinite(olderThanMs)) {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'olderThanMs must be a finite non-negative number.');
    }
    const cutoff = Date.now() - olderThanMs;
    const files = await sweepSpoolDir(tempDir, cutoff);
    const uploads = await abortStaleMultipartUploads(client, bucket, `${prefix}${objectsFolder}`, cutoff);
    return files + uploads;
  }

  return {
    put,
    get,
    readAll,
    has,
    stat,
    delete: deleteObject,
    sweepTemp,
    close: () => {
      client.destroy();
    },
  };
}

function ignore(): void {
  // Best-effort cleanup: the original error is the one worth reporting.
}
