import { afterEach, describe, expect, it } from 'vitest';
import {
  type ArtifactStore,
  ArtifactStoreErrorCode,
  createS3ArtifactStore,
  isArtifactStoreError,
  type S3ArtifactStoreConfig,
} from '../../src/index.ts';
import { bytesFor, chunked, expectStoreError, nextTurn } from './helpers.ts';
import { type S3TestStore, useS3Server, writeRequests } from './s3/s3-test-server.ts';
import { type BusyServer, closedPortEndpoint, startBusyServer } from './s3/unreachable.ts';

const s3 = useS3Server();
const mebibyte = 1024 * 1024;

describe('failed puts leave nothing behind', () => {
  async function expectNothingStored({ objects, spoolFiles }: S3TestStore): Promise<void> {
    expect(await spoolFiles()).toEqual([]);
    expect(await objects()).toEqual([]);
  }

  it('refuses content over maxBytes mid-stream without uploading anything', async () => {
    const target = await s3.newStore();
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

    const error = await expectStoreError(target.store.put(source(), { maxBytes: 25_000 }), ArtifactStoreErrorCode.TooLarge);

    expect(error.message).toContain('25000');
    expect(s3.requests).toEqual([]);
    await expectNothingStored(target);
    // The source was told to stop (a Node stream would be destroyed).
    await nextTurn();
    expect(finalized).toBe(true);
  });

  it('accepts content of exactly maxBytes and refuses one byte more', async () => {
    const target = await s3.newStore();
    await expect(target.store.put(bytesFor(5, 1024), { maxBytes: 1024 })).resolves.toMatchObject({ size: 1024 });
    await expectStoreError(target.store.put(bytesFor(6, 1025), { maxBytes: 1024 }), ArtifactStoreErrorCode.TooLarge);
    expect(await target.objects()).toHaveLength(1);
    expect(await target.spoolFiles()).toEqual([]);
  });

  it('stops an aborted put, even while the source is stalled', async () => {
    const target = await s3.newStore();
    const controller = new AbortController();
    async function* stalling(): AsyncGenerator<Uint8Array> {
      yield bytesFor(7, 10_000);
      controller.abort();
      // Never resolves: a client that went silent.
      await new Promise(() => undefined);
    }

    await expectStoreError(target.store.put(stalling(), { signal: controller.signal }), ArtifactStoreErrorCode.Aborted);
    expect(s3.requests).toEqual([]);
    await expectNothingStored(target);
  });

  it('aborts between chunks and refuses an already aborted signal', async () => {
    const target = await s3.newStore();
    const controller = new AbortController();
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let index = 0; index < 10; index += 1) {
        if (index === 3) controller.abort();
        await nextTurn();
        yield bytesFor(index, 10_000);
      }
    }

    await expectStoreError(target.store.put(source(), { signal: controller.signal }), ArtifactStoreErrorCode.Aborted);
    await expectStoreError(target.store.put(bytesFor(8, 10), { signal: AbortSignal.abort() }), ArtifactStoreErrorCode.Aborted);
    expect(s3.requests).toEqual([]);
    await expectNothingStored(target);
  });

  it('aborts a multipart upload in flight; the object never becomes visible', async () => {
    const target = await s3.newStore({ partSizeBytes: 5 * mebibyte, queueSize: 1 });
    const controller = new AbortController();
    // Abort as the first part reaches the server: the content is spooled and the upload has begun.
    s3.onRequest(({ method, url }) => {
      if (method === 'PUT' && url.includes('partNumber=1')) controller.abort();
    });
    const bytes = bytesFor(9, 12 * mebibyte);

    await expectStoreError(target.store.put(chunked(bytes, mebibyte), { signal: controller.signal }), ArtifactStoreErrorCode.Aborted);

    expect(controller.signal.aborted).toBe(true);
    // Never completed: no CompleteMultipartUpload was sent, and no object is listed.
    expect(writeRequests(s3.requests).filter(({ method, url }) => method === 'POST' && !url.includes('uploads'))).toEqual([]);
    await expectNothingStored(target);
  });

  it('reports a source that throws mid-way, with the original as cause', async () => {
    const target = await s3.newStore();
    const cause = new Error('connection reset');
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield bytesFor(10, 10_000);
      await nextTurn();
      throw cause;
    }

    const error = await expectStoreError(target.store.put(failing()), ArtifactStoreErrorCode.Source);

    expect(error.cause).toBe(cause);
    await expectNothingStored(target);
  });

  it('refuses a source that yields something other than bytes', async () => {
    const target = await s3.newStore();
    async function* strings(): AsyncGenerator {
      await nextTurn();
      yield 'not bytes';
    }

    await expectStoreError(target.store.put(strings() as AsyncIterable<Uint8Array>), ArtifactStoreErrorCode.Source);
    await expectNothingStored(target);
  });

  it('refuses a negative or NaN maxBytes', async () => {
    const { store } = await s3.newStore();
    await expectStoreError(store.put(new Uint8Array(1), { maxBytes: -1 }), ArtifactStoreErrorCode.InvalidOption);
    await expectStoreError(store.put(new Uint8Array(1), { maxBytes: Number.NaN }), ArtifactStoreErrorCode.InvalidOption);
  });
});

describe('storage unavailable', () => {
  const key = 'b'.repeat(64);
  let busy: BusyServer | undefined;

  afterEach(async () => {
    await busy?.close();
    busy = undefined;
  });

  /** Every operation fails with STORE_ERR_UNAVAILABLE, quickly, naming no endpoint, prefix or credential. */
  async function expectUnavailable(target: S3TestStore, secrets: readonly string[]): Promise<void> {
    const { store, config } = target;
    const started = Date.now();
    const errors = [
      await expectStoreError(store.put(bytesFor(20, 5000)), ArtifactStoreErrorCode.Unavailable),
      await expectStoreError(store.get(key), ArtifactStoreErrorCode.Unavailable),
      await expectStoreError(store.readAll(key), ArtifactStoreErrorCode.Unavailable),
      await expectStoreError(store.has(key), ArtifactStoreErrorCode.Unavailable),
      await expectStoreError(store.stat(key), ArtifactStoreErrorCode.Unavailable),
      await expectStoreError(store.delete(key), ArtifactStoreErrorCode.Unavailable),
    ];
    expect(Date.now() - started).toBeLessThan(5000);
    for (const error of errors) {
      expect(error.message).toMatch(/^The artifact store is unavailable \((put|get|read|stat|delete): [^)]+\)\.$/);
      for (const secret of [config.endpoint ?? '', config.prefix ?? '', ...secrets]) {
        expect(error.message).not.toContain(secret);
      }
    }
    // The refused put removed its spool file.
    expect(await target.spoolFiles()).toEqual([]);
  }

  it('maps an unknown access key (403) to STORE_ERR_UNAVAILABLE', async () => {
    const credentials = { accessKeyId: 'WHITTLE-NOT-A-KEY', secretAccessKey: 'not-the-secret' };
    const target = await s3.newStore({ ...credentials, maxAttempts: 1 });
    await expectUnavailable(target, [credentials.accessKeyId, credentials.secretAccessKey]);
  });

  it('maps a stopped server to STORE_ERR_UNAVAILABLE', async () => {
    const target = await s3.newStore({ endpoint: await closedPortEndpoint(), maxAttempts: 1, connectTimeoutMs: 500 });
    await expectUnavailable(target, []);
    const error = await expectStoreError(target.store.stat(key), ArtifactStoreErrorCode.Unavailable);
    expect(error.message).toBe('The artifact store is unavailable (stat: ECONNREFUSED).');
  });

  it('retries a 503 maxAttempts times, then reports STORE_ERR_UNAVAILABLE', async () => {
    busy = await startBusyServer();
    const target = await s3.newStore({ endpoint: busy.endpoint, maxAttempts: 2 });

    const error = await expectStoreError(target.store.readAll(key), ArtifactStoreErrorCode.Unavailable);

    expect(error.message).toBe('The artifact store is unavailable (read: HTTP 503 ServiceUnavailable).');
    expect(busy.requestCount()).toBe(2);
  });

  it('reports a missing bucket as unavailable, not as a missing artifact', async () => {
    const { store } = await s3.newStore({ bucket: 'whittle-no-such-bucket' });
    const error = await expectStoreError(store.get(key), ArtifactStoreErrorCode.Unavailable);
    expect(error.message).toBe('The artifact store is unavailable (get: HTTP 404 NoSuchBucket).');
    await expectStoreError(store.put(bytesFor(21, 10)), ArtifactStoreErrorCode.Unavailable);
  });
});

describe('configuration', () => {
  const valid: S3ArtifactStoreConfig = {
    region: 'us-east-1',
    bucket: 'whittle',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI-secret',
    tempDir: '/var/tmp/whittle-spool',
  };

  function configError(overrides: Partial<Record<keyof S3ArtifactStoreConfig, unknown>>): Error {
    let store: ArtifactStore | undefined;
    try {
      store = createS3ArtifactStore({ ...valid, ...overrides } as S3ArtifactStoreConfig);
    } catch (error) {
      if (isArtifactStoreError(error) && error.code === ArtifactStoreErrorCode.InvalidOption) return error;
      throw error;
    }
    throw new Error(`expected STORE_ERR_INVALID_OPTION, got a store (${typeof store})`);
  }

  it('refuses bad values with STORE_ERR_INVALID_OPTION, naming the field but not the value', () => {
    const cases: Partial<Record<keyof S3ArtifactStoreConfig, unknown>>[] = [
      { partSizeBytes: 5 * mebibyte - 1 },
      { maxAttempts: 0 },
      { maxAttempts: 1.5 },
      { queueSize: 0 },
      { connectTimeoutMs: Number.NaN },
      { idleTimeoutMs: -1 },
      { prefix: '/whittle/' },
      { prefix: 'whittle\n/' },
      { endpoint: 'ftp://storage.example' },
      { endpoint: 'not a url' },
      { bucket: '' },
      { tempDir: '' },
      { secretAccessKey: '' },
    ];
    for (const overrides of cases) {
      const error = configError(overrides);
      expect(error.message).toMatch(/^Invalid S3 artifact store configuration: [a-zA-Z]+ /);
      expect(error.message).not.toContain(valid.secretAccessKey);
      expect(error.message).not.toContain(valid.accessKeyId);
    }
  });

  it('accepts a minimal configuration without sending anything', () => {
    const store = createS3ArtifactStore({ ...valid, endpoint: 'http://127.0.0.1:1' });
    expect(typeof store.put).toBe('function');
    store.close();
  });
});
