import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createS3ArtifactStore, type S3ArtifactStore, type S3ArtifactStoreConfig } from '../../../src/index.ts';
import { listFiles, tempDataDir } from '../helpers.ts';

/**
 * s3rver's only account. s3rver checks that the access key id exists but does not verify V4 signatures, so a
 * wrong secret is accepted: the credential tests use a wrong access key id.
 */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. `/bucket/prefix/objects/<sha>?uploadId=...`. */
  readonly url: string;
}

/** A store under a prefix of its own, with a spool dir of its own (removed after the test). */
export interface S3TestStore {
  readonly store: S3ArtifactStore;
  readonly config: S3ArtifactStoreConfig;
  /** Object names under the store's prefix, relative to it (e.g. `objects/<sha>`), sorted. */
  readonly objects: () => Promise<string[]>;
  /** Files left in the spool dir. */
  readonly spoolFiles: () => Promise<string[]>;
}

export interface S3TestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly bucket: string;
  /** Every request the server received since the current test began, in order. */
  readonly requests: readonly RecordedRequest[];
  /** A client with the right credentials, for arranging and checking state behind the store's back. */
  readonly admin: S3Client;
  /** Calls `listener` for each request the server receives during the current test, before it is handled. */
  onRequest(listener: (request: RecordedRequest) => void): void;
  newStore(overrides?: Partial<S3ArtifactStoreConfig>): Promise<S3TestStore>;
}

interface Running {
  readonly server: S3rver;
  readonly directory: string;
  readonly endpoint: string;
  readonly admin: S3Client;
}

const bucket = 'whittle-test';

/**
 * Starts a real s3rver on 127.0.0.1 (a free port) for the calling test file, with one bucket, and stops it and
 * removes its files afterwards. Stores made with `newStore` are closed after each test.
 */
export function useS3Server(): S3TestServer {
  let running: Running | undefined;
  const requests: RecordedRequest[] = [];
  const stores: S3ArtifactStore[] = [];
  const listeners: ((request: RecordedRequest) => void)[] = [];

  const current = (): Running => {
    if (running === undefined) throw new Error('The s3rver is not running: call useS3Server() at the top of the file.');
    return running;
  };

  beforeAll(async () => {
    const directory = await mkdtemp(join(tmpdir(), 'whittle-s3rver-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = await server.run();
    server.httpServer?.on('request', (incoming: { method?: string; url?: string }) => {
      const request = { method: incoming.method ?? '', url: incoming.url ?? '' };
      requests.push(request);
      for (const listener of listeners) listener(request);
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const admin = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3rverCredentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    running = { server, directory, endpoint, admin };
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  });

  beforeEach(() => {
    requests.length = 0;
    listeners.length = 0;
  });

  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  afterAll(async () => {
    if (running === undefined) return;
    const { server, directory, admin } = running;
    running = undefined;
    admin.destroy();
    // A test that left a get stream unread holds a connection; close() would wait for it forever.
    server.httpServer?.closeAllConnections();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function newStore(overrides: Partial<S3ArtifactStoreConfig> = {}): Promise<S3TestStore> {
    const { endpoint, admin } = current();
    const config: S3ArtifactStoreConfig = {
      endpoint,
      region: 'us-east-1',
      bucket,
      prefix: `t-${randomUUID()}/`,
      ...s3rverCredentials,
      forcePathStyle: true,
      tempDir: join(await tempDataDir(), 'spool'),
      connectTimeoutMs: 2000,
      ...overrides,
    };
    const store = createS3ArtifactStore(config);
    stores.push(store);
    const prefix = config.prefix ?? '';
    return {
      store,
      config,
      objects: async () => (await listObjectNames(admin, prefix)).map((name) => name.slice(prefix.length)).sort(),
      spoolFiles: () => listFiles(config.tempDir),
    };
  }

  return {
    get endpoint() {
      return current().endpoint;
    },
    bucket,
    requests,
    get admin() {
      return current().admin;
    },
    onRequest: (listener) => {
      listeners.push(listener);
    },
    newStore,
  };
}

async function listObjectNames(admin: S3Client, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await admin.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token === undefined ? {} : { ContinuationToken: token }) }),
    );
    for (const object of page.Contents ?? []) if (object.Key !== undefined) names.push(object.Key);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return names;
}

/** Requests that write to the bucket: PUT (objects, parts) and POST (multipart create and complete). */
export function writeRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => request.method === 'PUT' || request.method === 'POST');
}
