import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { isArtifactStoreError, type ArtifactStoreErrorCode } from '../../src/index.ts';

const dirs: string[] = [];

/** A fresh data directory, removed after the test. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'whittle-artifacts-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every regular file under `dir`, relative to it; [] when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Deterministic pseudo-random bytes, so each seed is distinct content. */
export function bytesFor(seed: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = (seed * 2_654_435_761 + 1) >>> 0;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** Yields `bytes` in chunks of `chunkSize`. */
export async function* chunked(bytes: Uint8Array, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
    yield bytes.subarray(offset, offset + chunkSize);
    // A real upload arrives over many event-loop turns; let concurrent puts interleave.
    await Promise.resolve();
  }
}

/** The promise's rejection, asserted to be a ArtifactStoreError with `code`. */
export async function expectStoreError(promise: Promise<unknown>, code: ArtifactStoreErrorCode): Promise<Error> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!isArtifactStoreError(caught)) throw new Error(`expected a ArtifactStoreError ${code}, got ${String(caught)}`);
  if (caught.code !== code) throw new Error(`expected ${code}, got ${caught.code}: ${caught.message}`);
  return caught;
}

/** Byte equality without Vitest's element-by-element diff, which takes seconds on large arrays. */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return Buffer.compare(actual, expected) === 0;
}

/** Yields to the event loop once, as a network source does between chunks. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
