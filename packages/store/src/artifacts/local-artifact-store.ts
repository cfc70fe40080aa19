import { randomUUID } from 'node:crypto';
import { type FileHandle, lstat, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  type ArtifactStore,
  assertArtifactKey,
  type PutOptions,
  type PutResult,
  type ReadAllOptions,
} from './artifact-store.ts';
import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';
import { streamToTempFile, throwIfAborted } from './stream-to-temp-file.ts';

/**
 * Where the local store keeps its files. `tmp` sits next to `objects` on purpose: rename is atomic only within one
 * file system.
 * @public
 */
export interface LocalArtifactLayout {
  /** `<dataDir>/artifacts`. */
  readonly root: string;
  /** Complete objects, `objects/<first 2 hex>/<other 62 hex>`. */
  readonly objects: string;
  /** In-flight puts; anything here after a crash is swept by `sweepTemp`. */
  readonly tmp: string;
}

/** The directories {@link createLocalArtifactStore} uses under `dataDir`. @public */
export function localArtifactLayout(dataDir: string): LocalArtifactLayout {
  const root = join(dataDir, 'artifacts');
  return { root, objects: join(root, 'objects'), tmp: join(root, 'tmp') };
}

const tempSuffix = '.tmp';
const tempPrefixPattern = /^[a-z][a-z0-9-]{0,31}$/;

/** Options of {@link createLocalArtifactStore}. @public */
export interface LocalArtifactStoreOptions {
  /**
   * Names this process's temp files `<tempPrefix>-<uuid>.tmp`, and makes `sweepTemp` remove only those. Processes that
   * share a data directory (the API and the workers) use different prefixes, so one starting up never sweeps another's
   * live put.
   */
  readonly tempPrefix?: string;
}

/**
 * An {@link ArtifactStore} on the local file system under `<dataDir>/artifacts`. Object paths are built only from
 * the validated key; no caller-supplied name ever reaches a path.
 * @public
 */
export function createLocalArtifactStore(dataDir: string, options: LocalArtifactStoreOptions = {}): ArtifactStore {
  const layout = localArtifactLayout(dataDir);
  const { tempPrefix } = options;
  if (tempPrefix !== undefined && !tempPrefixPattern.test(tempPrefix)) {
    throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'tempPrefix must be 1–32 lowercase letters, digits or dashes, starting with a letter.');
  }
  const ownTemp = tempPrefix === undefined ? '' : `${tempPrefix}-`;

  /** The object's directory and path; `key` must already be validated. */
  const objectPath = (key: string): { dir: string; file: string } => {
    const dir = join(layout.objects, key.slice(0, 2));
    return { dir, file: join(dir, key.slice(2)) };
  };

  async function put(source: AsyncIterable<Uint8Array> | Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const { maxBytes = Number.POSITIVE_INFINITY, signal } = options;
    if (!(maxBytes >= 0)) {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'maxBytes must be a non-negative number.');
    }
    throwIfAborted(signal);

    const tempPath = join(layout.tmp, `${ownTemp}${randomUUID()}${tempSuffix}`);
    try {
      // Durable before visible: a crash after the rename must not expose a file whose data never reached the disk.
      const { sha256, size } = await streamToTempFile(source, { path: tempPath, maxBytes, signal, fsync: true });
      const { dir, file } = objectPath(sha256);
      await mkdir(dir, { recursive: true });
      // Always rename, even over an existing object: identical content makes the replace harmless, and it revives
      // an object that a concurrent delete removed between someone's check and our return.
      await rename(tempPath, file);
      await syncDirectory(dir);
      return { key: sha256, sha256, size };
    } catch (error) {
      // A failed stream removed its file already; this one is for a failed rename.
      await rm(tempPath, { force: true }).catch(ignore);
      throw toStoreError(error, 'put');
    }
  }

  async function get(key: string): Promise<Readable> {
    assertArtifactKey(key);
    const handle = await openObject(objectPath(key).file, 'get');
    // The stream owns the handle and closes it when it ends or is destroyed.
    return handle.createReadStream();
  }

  async function readAll(key: string, options: ReadAllOptions = {}): Promise<Uint8Array> {
    assertArtifactKey(key);
    const { maxBytes = Number.POSITIVE_INFINITY } = options;
    if (!(maxBytes >= 0)) {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'maxBytes must be a non-negative number.');
    }
    const handle = await openObject(objectPath(key).file, 'read');
    try {
      const { size } = await handle.stat();
      if (size > maxBytes) {
        throw new ArtifactStoreError(ArtifactStoreErrorCode.TooLarge, `The artifact is larger than the limit of ${maxBytes} bytes.`);
      }
      const bytes = await handle.readFile();
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      throw toStoreError(error, 'read');
    } finally {
      await handle.close().catch(ignore);
    }
  }

  async function statObject(key: string): Promise<{ readonly size: number } | undefined> {
    assertArtifactKey(key);
    try {
      const info = await stat(objectPath(key).file);
      return info.isFile() ? { size: info.size } : undefined;
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw toStoreError(error, 'stat');
    }
  }

  async function has(key: string): Promise<boolean> {
    return (await statObject(key)) !== undefined;
  }

  async function deleteObject(key: string): Promise<boolean> {
    assertArtifactKey(key);
    try {
      await unlink(objectPath(key).file);
      return true;
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return false;
      throw toStoreError(error, 'delete');
    }
  }

  async function sweepTemp(olderThanMs: number): Promise<number> {
    if (!(olderThanMs >= 0) || !Number.isFinite(olderThanMs)) {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, 'olderThanMs must be a finite non-negative number.');
    }
    const cutoff = Date.now() - olderThanMs;
    let names: string[];
    try {
      names = await readdir(layout.tmp);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return 0;
      throw toStoreError(error, 'sweep');
    }
    let removed = 0;
    for (const name of names) {
      if (!name.startsWith(ownTemp)) continue;
      const path = join(layout.tmp, name);
      try {
        const info = await lstat(path);
        // A live put rewrites its temp file's mtime with every chunk, so only stalled or orphaned files are this old.
        if (info.isDirectory() || info.mtimeMs > cutoff) continue;
        await unlink(path);
        removed += 1;
      } catch (error) {
        // Another sweeper or the put itself removed it first.
        if (errnoCode(error) === 'ENOENT') continue;
        throw toStoreError(error, 'sweep');
      }
    }
    return removed;
  }

  return { put, get, readAll, has, stat: statObject, delete: deleteObject, sweepTemp };
}

async function openObject(path: string, operation: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') {
      throw new ArtifactStoreError(ArtifactStoreErrorCode.NotFound, 'No artifact has this key.', { cause: error });
    }
    throw toStoreError(error, operation);
  }
}

/** Makes a rename durable on POSIX; platforms that cannot open a directory (Windows) skip it. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close().catch(ignore);
  }
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}

/** Store errors pass through; file-system errors lose their path (it stays in `cause` for server logs). */
function toStoreError(error: unknown, operation: string): ArtifactStoreError {
  if (error instanceof ArtifactStoreError) return error;
  const code = errnoCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ArtifactStoreError(ArtifactStoreErrorCode.NoSpace, `The artifact store is out of space (${operation}).`, {
      cause: error,
    });
  }
  return new ArtifactStoreError(ArtifactStoreErrorCode.Io, `The artifact store failed to ${operation} (${code ?? 'unknown error'}).`, {
    cause: error,
  });
}

function ignore(): void {
  // Best-effort cleanup: the original error is the one worth reporting.
}
