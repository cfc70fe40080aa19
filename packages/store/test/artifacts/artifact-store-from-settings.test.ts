import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactStoreErrorCode, openArtifactStore, s3ConfigFromSettings } from '../../src/index.ts';
import { s3rverCredentials, useS3Server } from './s3/s3-test-server.ts';

const server = useS3Server();
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('choosing the artifact store from settings', () => {
  it('uses local files when no bucket is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'whittle-settings-'));
    dirs.push(dataDir);
    const opened = openArtifactStore({}, dataDir);
    expect(opened.description).toBe('local');
    const { key } = await opened.store.put(new Uint8Array([1, 2, 3]));
    expect(await opened.store.has(key)).toBe(true);
    await opened.close();
  });

  it('refuses a bucket without credentials, naming the settings, and takes the AWS names as a fallback', () => {
    expect(() => s3ConfigFromSettings({ WHITTLE_S3_BUCKET: 'b' }, '/data')).toThrow(
      expect.objectContaining({ code: ArtifactStoreErrorCode.InvalidOption, message: expect.stringContaining('WHITTLE_S3_ACCESS_KEY_ID') as string }),
    );
    expect(s3ConfigFromSettings({ WHITTLE_S3_BUCKET: 'b', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's' }, '/data')).toMatchObject({
      bucket: 'b',
      region: 'us-east-1',
      accessKeyId: 'a',
      forcePathStyle: false,
      tempDir: join('/data', 'artifacts', 's3-spool', 'default'),
    });
  });

  it('stores in the bucket an S3-compatible server serves when WHITTLE_S3_BUCKET is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'whittle-settings-'));
    dirs.push(dataDir);
    const opened = openArtifactStore(
      {
        WHITTLE_S3_BUCKET: server.bucket,
        WHITTLE_S3_ENDPOINT: server.endpoint,
        WHITTLE_S3_ACCESS_KEY_ID: s3rverCredentials.accessKeyId,
        WHITTLE_S3_SECRET_ACCESS_KEY: s3rverCredentials.secretAccessKey,
        WHITTLE_S3_PREFIX: 'settings-test/',
      },
      dataDir,
    );
    expect(opened.description).toBe(`s3:${server.bucket}`);
    const { key } = await opened.store.put(new TextEncoder().encode('hello'));
    expect(new TextDecoder().decode(await opened.store.readAll(key))).toBe('hello');
    await opened.close();
  });
});
