import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { ArtifactStoreErrorCode, s3ArtifactObjectName } from '../../src/index.ts';
import { bytesFor, chunked, expectStoreError, sameBytes, sha256Hex } from './helpers.ts';
import { useS3Server, writeRequests } from './s3/s3-test-server.ts';

// The local store's behaviour (local-artifact-store.test.ts) against a real s3rver; failures, aborts and the
// unavailable paths are in s3-artifact-store-failures.test.ts, sweepTemp in s3-artifact-store-sweep.test.ts.

const s3 = useS3Server();
const mebibyte = 1024 * 1024;

describe('put and read back', () => {
  it('round-trips bytes under a key that is their sha256', async () => {
    const { store, objects, spoolFiles } = await s3.newStore();
    const bytes = bytesFor(1, 300_000);

    const result = await store.put(chunked(bytes, 65_536));

    expect(result).toEqual({ key: sha256Hex(bytes), sha256: sha256Hex(bytes), size: bytes.byteLength });
    expect(sameBytes(await store.readAll(result.key), bytes)).toBe(true);
    expect(sameBytes(await buffer(await store.get(result.key)), bytes)).toBe(true);
    expect(await store.has(result.key)).toBe(true);
    expect(await store.stat(result.key)).toEqual({ size: bytes.byteLength });
    // Object name from the hash only; nothing left in the spool dir.
    expect(await objects()).toEqual([`objects/${result.key}`]);
    expect(await spoolFiles()).toEqual([]);
  });

  it('accepts a plain Uint8Array and empty content', async () => {
    const { store } = await s3.newStore();
    const bytes = bytesFor(2, 1000);
    expect((await store.put(bytes)).sha256).toBe(sha256Hex(bytes));
    const empty = await store.put(new Uint8Array(0));
    expect(empty).toEqual({ key: sha256Hex(new Uint8Array(0)), sha256: sha256Hex(new Uint8Array(0)), size: 0 });
    expect(await store.readAll(empty.key)).toEqual(new Uint8Array(0));
    expect(await store.stat(empty.key)).toEqual({ size: 0 });
  });

  it('stores identical content once and does not upload it again', async () => {
    const { store, objects } = await s3.newStore();
    const bytes = bytesFor(3, 50_000);

    const first = await store.put(bytes);
    const uploadsAfterFirst = writeRequests(s3.requests).length;
    const second = await store.put(chunked(bytes, 999));

    expect(second).toEqual(first);
    expect(uploadsAfterFirst).toBe(1);
    expect(writeRequests(s3.requests)).toHaveLength(1);
    expect(await objects()).toHaveLength(1);
  });

  it('runs concurrent puts of the same content and of different contents', async () => {
    const { store, objects, spoolFiles } = await s3.newStore();
    const same = bytesFor(4, 200_000);
    const different = Array.from({ length: 8 }, (_, index) => bytesFor(100 + index, 100_000 + index));

    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => store.put(chunked(same, 16_384))),
      ...different.map((bytes) => store.put(chunked(bytes, 16_384))),
    ]);

    const sameKey = sha256Hex(same);
    for (const result of results.slice(0, 8)) {
      expect(result).toEqual({ key: sameKey, sha256: sameKey, size: same.byteLength });
    }
    expect(results.slice(8).map((result) => result.key)).toEqual(different.map((bytes) => sha256Hex(bytes)));
    for (const result of results) {
      expect(sha256Hex(await store.readAll(result.key))).toBe(result.key);
    }
    expect(await objects()).toHaveLength(9);
    expect(await spoolFiles()).toEqual([]);
  });

  it('uploads large content in parts and reads it back whole', async () => {
    const { store, config, spoolFiles } = await s3.newStore({ partSizeBytes: 5 * mebibyte, queueSize: 2 });
    const bytes = bytesFor(5, 12 * mebibyte);

    const result = await store.put(chunked(bytes, mebibyte));

    expect(result).toEqual({ key: sha256Hex(bytes), sha256: sha256Hex(bytes), size: bytes.byteLength });
    // Create, three parts (5 + 5 + 2 MiB), complete: a multipart upload, not one 12 MiB PUT.
    const path = `/${s3.bucket}/${s3ArtifactObjectName(config.prefix ?? '', result.key)}?`;
    const writes = writeRequests(s3.requests).filter(({ url }) => url.startsWith(path));
    const query = (url: string): URLSearchParams => new URLSearchParams(url.slice(path.length));
    expect(writes.filter(({ method, url }) => method === 'POST' && query(url).has('uploads'))).toHaveLength(1);
    const parts = writes.filter(({ method, url }) => method === 'PUT' && query(url).has('uploadId'));
    expect(parts.map(({ url }) => query(url).get('partNumber')).sort()).toEqual(['1', '2', '3']);
    expect(writes.filter(({ method, url }) => method === 'POST' && query(url).has('uploadId'))).toHaveLength(1);
    expect(writes).toHaveLength(5);
    expect(await store.stat(result.key)).toEqual({ size: 12 * mebibyte });
    expect(sha256Hex(await buffer(await store.get(result.key)))).toBe(result.key);
    expect(await spoolFiles()).toEqual([]);
  });

  it('keeps each prefix to itself', async () => {
    const one = await s3.newStore();
    const other = await s3.newStore();
    const { key } = await one.store.put(bytesFor(6, 100));

    expect(await other.store.has(key)).toBe(false);
    expect(await other.objects()).toEqual([]);
    expect(await one.objects()).toEqual([`objects/${key}`]);
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

  it('refuses anything but 64 lowercase hex characters, before sending any request', async () => {
    const { store } = await s3.newStore();
    for (const key of invalidKeys) {
      const asKey = key as string;
      await expectStoreError(store.get(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.readAll(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.has(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.stat(asKey), ArtifactStoreErrorCode.InvalidKey);
      await expectStoreError(store.delete(asKey), ArtifactStoreErrorCode.InvalidKey);
    }
    expect(s3.requests).toEqual([]);
  });

  it('reports a missing object without the endpoint or the prefix', async () => {
    const { store, config } = await s3.newStore();
    const key = 'a'.repeat(64);

    const fromGet = await expectStoreError(store.get(key), ArtifactStoreErrorCode.NotFound);
    const fromRead = await expectStoreError(store.readAll(key), ArtifactStoreErrorCode.NotFound);

    expect(await store.has(key)).toBe(false);
    expect(await store.stat(key)).toBeUndefined();
    expect(await store.delete(key)).toBe(false);
    for (const error of [fromGet, fromRead]) {
      expect(error.message).toBe('No artifact has this key.');
      expect(error.message).not.toContain(s3.endpoint);
      expect(error.message).not.toContain(config.prefix);
    }
    // delete asked first and sent no DELETE for an object that was not there.
    expect(s3.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
  });

  it('deletes an object, idempotently', async () => {
    const { store, objects } = await s3.newStore();
    const { key } = await store.put(bytesFor(11, 100));
    expect(await store.delete(key)).toBe(true);
    expect(await store.has(key)).toBe(false);
    expect(await objects()).toEqual([]);
    expect(await store.delete(key)).toBe(false);
    // Putting it again brings it back.
    await store.put(bytesFor(11, 100));
    expect(await store.has(key)).toBe(true);
  });

  it('refuses to buffer an object over readAll maxBytes', async () => {
    const { store } = await s3.newStore();
    const { key } = await store.put(bytesFor(12, 2000));
    await expectStoreError(store.readAll(key, { maxBytes: 1999 }), ArtifactStoreErrorCode.TooLarge);
    expect(await store.readAll(key, { maxBytes: 2000 })).toHaveLength(2000);
    await expectStoreError(store.readAll(key, { maxBytes: -1 }), ArtifactStoreErrorCode.InvalidOption);
  });

  it('hands out a stream the caller may abandon', async () => {
    const { store } = await s3.newStore({ partSizeBytes: 5 * mebibyte });
    const { key } = await store.put(bytesFor(13, 6 * mebibyte));
    const stream = await store.get(key);
    // Read one chunk and destroy the stream, as the API does when its client disconnects; the store keeps working.
    const first = await stream[Symbol.asyncIterator]().next();
    expect(first.done).toBe(false);
    stream.destroy();
    expect(await store.stat(key)).toEqual({ size: 6 * mebibyte });
  });
});
