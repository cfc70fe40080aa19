import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ArtifactStoreErrorCode, s3ArtifactObjectName } from '../../src/index.ts';
import { bytesFor, expectStoreError, sameBytes } from './helpers.ts';
import { useS3Server } from './s3/s3-test-server.ts';

const s3 = useS3Server();
const anHourAgo = (): Date => new Date(Date.now() - 3_600_000);

describe('sweepTemp', () => {
  it('removes spool files left by a crash, keeps recent ones, objects and foreign files', async () => {
    const { store, config } = await s3.newStore();
    const { key } = await store.put(bytesFor(14, 1000));
    await mkdir(config.tempDir, { recursive: true });
    // What a process killed mid-put leaves: a half-written spool file, last touched an hour ago.
    const stale = join(config.tempDir, 's3-put-00000000-0000-4000-8000-000000000001.tmp');
    await writeFile(stale, bytesFor(15, 5000));
    await utimes(stale, anHourAgo(), anHourAgo());
    const inFlight = 's3-put-00000000-0000-4000-8000-000000000002.tmp';
    await writeFile(join(config.tempDir, inFlight), bytesFor(16, 10));
    // The directory may be shared: an old file the store did not name is not its to remove.
    const foreign = join(config.tempDir, 'someone-elses.tmp');
    await writeFile(foreign, 'keep me');
    await utimes(foreign, anHourAgo(), anHourAgo());

    expect(await store.sweepTemp(60_000)).toBe(1);
    expect((await readdir(config.tempDir)).sort()).toEqual([inFlight, 'someone-elses.tmp']);
    expect(await store.sweepTemp(0)).toBe(1);
    expect(await readdir(config.tempDir)).toEqual(['someone-elses.tmp']);
    expect(sameBytes(await store.readAll(key), bytesFor(14, 1000))).toBe(true);
  });

  it('lists stale multipart uploads under the prefix, and copes with a server that cannot list them', async () => {
    const { store, config } = await s3.newStore();
    // A multipart upload a crashed process started and never finished.
    await s3.admin.send(
      new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: s3ArtifactObjectName(config.prefix ?? '', 'c'.repeat(64)) }),
    );
    const mark = s3.requests.length;

    // s3rver answers ListMultipartUploads with 501 NotImplemented: nothing to abort, and no error.
    expect(await store.sweepTemp(0)).toBe(0);
    const listing = s3.requests.slice(mark).filter(({ method, url }) => method === 'GET' && new URL(url, 'http://x').searchParams.has('uploads'));
    expect(listing).toHaveLength(1);
    expect(new URL(listing[0]?.url ?? '', 'http://x').searchParams.get('prefix')).toBe(`${config.prefix ?? ''}objects/`);
  });

  it('returns 0 on a store that has never been written and refuses a bad age', async () => {
    const { store } = await s3.newStore();
    expect(await store.sweepTemp(0)).toBe(0);
    await expectStoreError(store.sweepTemp(-1), ArtifactStoreErrorCode.InvalidOption);
    await expectStoreError(store.sweepTemp(Number.POSITIVE_INFINITY), ArtifactStoreErrorCode.InvalidOption);
  });

  it('reports an unreachable server after sweeping the local files', async () => {
    const { store, config } = await s3.newStore({ accessKeyId: 'WHITTLE-NOT-A-KEY', maxAttempts: 1 });
    await mkdir(config.tempDir, { recursive: true });
    const stale = join(config.tempDir, 's3-put-00000000-0000-4000-8000-000000000003.tmp');
    await writeFile(stale, 'x');
    await utimes(stale, anHourAgo(), anHourAgo());

    await expectStoreError(store.sweepTemp(0), ArtifactStoreErrorCode.Unavailable);
    expect(await readdir(config.tempDir)).toEqual([]);
  });
});
