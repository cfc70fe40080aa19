import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { createLocalArtifactStore, localArtifactLayout, ArtifactStoreErrorCode } from '../../src/index.ts';
import {
  bytesFor,
  chunked,
  expectStoreError,
  listFiles,
  nextTurn,
  sameBytes,
  sha256Hex,
  tempDataDir,
} from './helpers.ts';

describe('put and read back', () => {
  it('round-trips bytes under a key that is their sha256', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const bytes = bytesFor(1, 300_000);

    const result = await store.put(chunked(bytes, 65_536));

    expect(result).toEqual({ key: sha256Hex(bytes), sha256: sha256Hex(bytes), size: bytes.byteLength });
    expect(sameBytes(await store.readAll(result.key), bytes)).toBe(true);
    expect(sameBytes(await buffer(await store.get(result.key)), bytes)).toBe(true);
    expect(await store.has(result.key)).toBe(true);
    expect(await store.stat(result.key)).toEqual({ size: bytes.byteLength });
    // Content-addressed path from the hash only; nothing left in tmp.
    const layout = localArtifactLayout(dataDir);
    expect(await listFiles(layout.objects)).toEqual([join(result.key.slice(0, 2), result.key.slice(2))]);
    expect(await listFiles(layout.tmp)).toEqual([]);
  });

  it('accepts a plain Uint8Array and empty content', async () => {
    const store = createLocalArtifactStore(await tempDataDir());
    const bytes = bytesFor(2, 1000);
    expect((await store.put(bytes)).sha256).toBe(sha256Hex(bytes));
    const empty = await store.put(new Uint8Array(0));
    expect(empty).toEqual({ key: sha256Hex(new Uint8Array(0)), sha256: sha256Hex(new Uint8Array(0)), size: 0 });
    expect(await store.readAll(empty.key)).toEqual(new Uint8Array(0));
  });

  it('stores identical content once', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const bytes = bytesFor(3, 50_000);

    const first = await store.put(bytes);
    const second = await store.put(chunked(bytes, 999));

    expect(second).toEqual(first);
    expect(await listFiles(localArtifactLayout(dataDir).objects)).toHaveLength(1);
  });

  it('runs 20 concurrent puts of the same content and 20 of different contents', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const same = bytesFor(4, 200_000);
    const different = Array.from({ length: 20 }, (_, index) => bytesFor(100 + index, 100_000 + index));

    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => store.put(chunked(same, 16_384))),
      ...different.map((bytes) => store.put(chunked(bytes, 16_384))),
    ]);

    const sameKey = sha256Hex(same);
    for (const result of results.slice(0, 20)) {
      expect(result).toEqual({ key: sameKey, sha256: sameKey, size: same.byteLength });
    }
    expect(results.slice(20).map((result) => result.key)).toEqual(different.map((bytes) => sha256Hex(bytes)));
    for (const result of results) {
      expect(sha256Hex(await store.readAll(result.key))).toBe(result.key);
    }
    const layout = localArtifactLayout(dataDir);
    expect(await listFiles(layout.objects)).toHaveLength(21);
    expect(await listFiles(layout.tmp)).toEqual([]);
  });
});

describe('failed puts leave nothing behind', () => {
  async function expectEmpty(dataDir: string): Promise<void> {
    const layout = localArtifactLayout(dataDir);
    expect(await listFiles(layout.tmp)).toEqual([]);
    expect(await listFiles(layout.objects)).toEqual([]);
  }

  it('refuses content over maxBytes mid-stream', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    let finalized = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let index = 0; index < 100; index += 1) {
          await nextTurn();
          yield bytesFor(index, 10_000);
        }
      } finally {
        finalized = true;
      }
    }

    const error = await expectStoreError(store.put(source(), { maxBytes: 25_000 }), ArtifactStoreErrorCode.TooLarge);

    expect(error.message).toContain('25000');
    await expectEmpty(dataDir);
    // The source was told to stop (a Node stream would be destroyed).
    await new Promise((resolve) => setImmediate(resolve));
    expect(finalized).toBe(true);
  });

  it('accepts content of exactly maxBytes and refuses one byte more', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    await expect(store.put(bytesFor(5, 1024), { maxBytes: 1024 })).resolves.toMatchObject({ size: 1024 });
    await expectStoreError(store.put(bytesFor(6, 1025), { maxBytes: 1024 }), ArtifactStoreErrorCode.TooLarge);
    expect(await listFiles(localArtifactLayout(dataDir).objects)).toHaveLength(1);
    expect(await listFiles(localArtifactLayout(dataDir).tmp)).toEqual([]);
  });

  it('stops an aborted put, even while the source is stalled', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const controller = new AbortController();
    async function* stalling(): AsyncGenerator<Uint8Array> {
      yield bytesFor(7, 10_000);
      controller.abort();
      // Never resolves: a client that went silent.
      await new Promise(() => undefined);
    }

    await expectStoreError(store.put(stalling(), { signal: controller.signal }), ArtifactStoreErrorCode.Aborted);
    await expectEmpty(dataDir);
  });

  it('aborts between chunks and refuses an already aborted signal', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const controller = new AbortController();
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let index = 0; index < 10; index += 1) {
        if (index === 3) controller.abort();
        await nextTurn();
        yield bytesFor(index, 10_000);
      }
    }

    await expectStoreError(store.put(source(), { signal: controller.signal }), ArtifactStoreErrorCode.Aborted);
    await expectStoreError(store.put(bytesFor(8, 10), { signal: AbortSignal.abort() }), ArtifactStoreErrorCode.Aborted);
    await expectEmpty(dataDir);
  });

  it('removes the temp file when the source throws mid-way', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const cause = new Error('connection reset');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield bytesFor(9, 10_000);
      await nextTurn();
      yield bytesFor(10, 10_000);
      await nextTurn();
      throw cause;
    }

    const error = await expectStoreError(store.put(failing()), ArtifactStoreErrorCode.Source);

    expect(error.cause).toBe(cause);
    await expectEmpty(dataDir);
  });

  it('refuses a source that yields something other than bytes', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    async function* strings(): AsyncGenerator {
      await nextTurn();
      yield 'not bytes';
    }

    await expectStoreError(store.put(strings() as AsyncIterable<Uint8Array>), ArtifactStoreErrorCode.Source);
    await expectEmpty(dataDir);
  });

  it('refuses a negative or NaN maxBytes', async () => {
    const store = createLocalArtifactStore(await tempDataDir());
    await expectStoreError(store.put(new Uint8Array(1), { maxBytes: -1 }), ArtifactStoreErrorCode.InvalidOption);
    await expectStoreError(store.put(new Uint8Array(1), { maxBytes: Number.NaN }), ArtifactStoreErrorCode.InvalidOption);
  });
});

describe('keys', () => {
  const invalidKeys: readonly unknown[] = [
    '',
    '../x',
    '../../etc/passwd',
    '%2e%2e%2f',
    '%252E%252E%252F',
    'ab/../../x',
    '/etc/passwd',
    'A'.repeat(64),
    'a'.repeat(63),
    'a'.repeat(65),
    `${'a'.repeat(63)}\n`,
    `${'a'.repeat(62)}#x`,
    `${'a'.repeat(62)}?x`,
    `${'a'.repeat(63)}\u0000`,
    'g'.repeat(64),
    42,
    undefined,
  ];

  it('refuses anything but 64 lowercase hex characters, before touching the file system', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    for (const key of invalidKeys) {
      const asKey = key as string;
      await expectStoreError(store.get(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.readAll(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.has(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.stat(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.delete(asKey), ArtifactStoreErrorCode.InvalidKey);
    }
    // Nothing was created: not even the store's own directories.
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('reports a missing object without a host path', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const key = 'a'.repeat(64);

    const fromGet = await expectStoreError(store.get(key), ArtifactStoreErrorCode.NotFound);
    const fromRead = await expectStoreError(store.readAll(key), ArtifactStoreErrorCode.NotFound);

    expect(await store.has(key)).toBe(false);
    expect(await store.stat(key)).toBeUndefined();
    expect(await store.delete(key)).toBe(false);
    for (const error of [fromGet, fromRead]) expect(error.message).not.toContain(dataDir);
  });

  it('deletes an object, idempotently', async () => {
    const store = createLocalArtifactStore(await tempDataDir());
    const { key } = await store.put(bytesFor(11, 100));
    expect(await store.delete(key)).toBe(true);
    expect(await store.has(key)).toBe(false);
    expect(await store.delete(key)).toBe(false);
    // Putting it again brings it back.
    await store.put(bytesFor(11, 100));
    expect(await store.has(key)).toBe(true);
  });

  it('refuses to buffer an object over readAll maxBytes', async () => {
    const store = createLocalArtifactStore(await tempDataDir());
    const { key } = await store.put(bytesFor(12, 2000));
    await expectStoreError(store.readAll(key, { maxBytes: 1999 }), ArtifactStoreErrorCode.TooLarge);
    expect(await store.readAll(key, { maxBytes: 2000 })).toHaveLength(2000);
  });

  it('maps file-system failures to STORE_ERR_IO without the host path', async () => {
    const dataDir = await tempDataDir();
    // A file where the store's directory should be: mkdir fails with ENOTDIR/EEXIST.
    await writeFile(join(dataDir, 'artifacts'), 'in the way');
    const store = createLocalArtifactStore(dataDir);

    const error = await expectStoreError(store.put(bytesFor(13, 10)), ArtifactStoreErrorCode.Io);

    expect(error.message).not.toContain(dataDir);
    expect(error.message).toMatch(/^The artifact store failed to put \(E[A-Z]+\)\.$/);
  });
});

describe('sweepTemp', () => {
  it('removes temp files left by a crash and keeps recent ones and objects', async () => {
    const dataDir = await tempDataDir();
    const store = createLocalArtifactStore(dataDir);
    const { key } = await store.put(bytesFor(14, 1000));
    const layout = localArtifactLayout(dataDir);
    // What a process killed mid-put leaves: a half-written temp file, last touched an hour ago.
    await mkdir(layout.tmp, { recursive: true });
    const stale = join(layout.tmp, 'crashed.tmp');
    await writeFile(stale, bytesFor(15, 5000));
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(stale, anHourAgo, anHourAgo);
    await writeFile(join(layout.tmp, 'in-flight.tmp'), bytesFor(16, 10));

    expect(await store.sweepTemp(60_000)).toBe(1);
    expect(await listFiles(layout.tmp)).toEqual(['in-flight.tmp']);
    expect(await store.sweepTemp(0)).toBe(1);
    expect(await listFiles(layout.tmp)).toEqual([]);
    expect(sameBytes(await store.readAll(key), bytesFor(14, 1000))).toBe(true);
  });

  it('with a temp prefix, names its temp files after it and sweeps only those (another process\'s live put survives)', async () => {
    const dataDir = await tempDataDir();
    const api = createLocalArtifactStore(dataDir, { tempPrefix: 'api' });
    const layout = localArtifactLayout(dataDir);
    await mkdir(layout.tmp, { recursive: true });
    await writeFile(join(layout.tmp, 'api-crashed.tmp'), bytesFor(17, 10));
    await writeFile(join(layout.tmp, 'worker-live.tmp'), bytesFor(18, 10));
    expect(await api.sweepTemp(0)).toBe(1);
    expect(await listFiles(layout.tmp)).toEqual(['worker-live.tmp']);
    const source = (async function* () {
      yield bytesFor(19, 10);
      expect((await listFiles(layout.tmp)).some((name) => name.startsWith('api-') && name.endsWith('.tmp'))).toBe(true);
      yield bytesFor(20, 10);
    })();
    await api.put(source);
    expect(() => createLocalArtifactStore(dataDir, { tempPrefix: '../x' })).toThrow(expect.objectContaining({ code: ArtifactStoreErrorCode.InvalidOption }));
  });

  it('returns 0 on a store that has never been written and refuses a bad age', async () => {
    const store = createLocalArtifactStore(await tempDataDir());
    expect(await store.sweepTemp(0)).toBe(0);
    await expectStoreError(store.sweepTemp(-1), ArtifactStoreErrorCode.InvalidOption);
    await expectStoreError(store.sweepTemp(Number.POSITIVE_INFINITY), ArtifactStoreErrorCode.InvalidOption);
  });
});
