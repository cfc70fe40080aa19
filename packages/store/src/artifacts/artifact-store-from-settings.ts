/**
 * Which artifact store a process uses, from its settings: local files under the data directory by default, an
 * S3-compatible bucket when `WHITTLE_S3_BUCKET` is set. The API and the worker both call this with their environment,
 * so they always agree on where artifacts live (a worker on another machine needs only the same settings).
 */
import { join } from 'node:path';
import type { ArtifactStore } from './artifact-store.ts';
import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';
import { createLocalArtifactStore } from './local-artifact-store.ts';
import { createS3ArtifactStore } from './s3-artifact-store.ts';
import type { S3ArtifactStoreConfig } from './s3-artifact-store-config.ts';

/** An artifact store and how to release it at shutdown. @public */
export interface OpenedArtifactStore {
  readonly store: ArtifactStore;
  /** `local` or `s3:<bucket>`, for start-up logs (never credentials). */
  readonly description: string;
  close(): Promise<void>;
}

/** The settings read (names as in the environment). @public */
export const ARTIFACT_STORE_SETTINGS = [
  'WHITTLE_S3_BUCKET',
  'WHITTLE_S3_REGION',
  'WHITTLE_S3_ENDPOINT',
  'WHITTLE_S3_PREFIX',
  'WHITTLE_S3_FORCE_PATH_STYLE',
  'WHITTLE_S3_ACCESS_KEY_ID',
  'WHITTLE_S3_SECRET_ACCESS_KEY',
] as const;

function setting(source: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = source[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The S3 configuration `source` asks for, or `undefined` for the local store. Credentials come from
 * `WHITTLE_S3_ACCESS_KEY_ID`/`WHITTLE_S3_SECRET_ACCESS_KEY`, else the standard `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
 * @throws ArtifactStoreError STORE_ERR_INVALID_OPTION naming the missing setting
 * @public
 */
export function s3ConfigFromSettings(
  source: Readonly<Record<string, string | undefined>>,
  dataDir: string,
  role = 'default',
): S3ArtifactStoreConfig | undefined {
  const bucket = setting(source, 'WHITTLE_S3_BUCKET');
  if (bucket === undefined) return undefined;
  const accessKeyId = setting(source, 'WHITTLE_S3_ACCESS_KEY_ID') ?? setting(source, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = setting(source, 'WHITTLE_S3_SECRET_ACCESS_KEY') ?? setting(source, 'AWS_SECRET_ACCESS_KEY');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new ArtifactStoreError(
      ArtifactStoreErrorCode.InvalidOption,
      'WHITTLE_S3_BUCKET is set but credentials are missing: set WHITTLE_S3_ACCESS_KEY_ID and WHITTLE_S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).',
    );
  }
  const endpoint = setting(source, 'WHITTLE_S3_ENDPOINT');
  const prefix = setting(source, 'WHITTLE_S3_PREFIX');
  return {
    bucket,
    region: setting(source, 'WHITTLE_S3_REGION') ?? 'us-east-1',
    accessKeyId,
    secretAccessKey,
    // MinIO and most self-hosted S3 servers need path-style addressing; AWS accepts both.
    forcePathStyle: (setting(source, 'WHITTLE_S3_FORCE_PATH_STYLE') ?? (endpoint === undefined ? 'false' : 'true')) === 'true',
    // One spool folder per process role: a process sweeping its spool at start never touches another's live upload.
    tempDir: join(dataDir, 'artifacts', 's3-spool', role),
    ...(endpoint !== undefined && { endpoint }),
    ...(prefix !== undefined && { prefix }),
  };
}

/**
 * Opens the artifact store `source` selects. `role` (`api`, `worker`…) keeps each kind of process's temp files apart,
 * so that sweeping them at start-up is safe while other processes write (see LocalArtifactStoreOptions.tempPrefix).
 * @public
 */
export function openArtifactStore(source: Readonly<Record<string, string | undefined>>, dataDir: string, role = 'default'): OpenedArtifactStore {
  const s3 = s3ConfigFromSettings(source, dataDir, role);
  if (s3 === undefined) {
    return { store: createLocalArtifactStore(dataDir, { tempPrefix: role }), description: 'local', close: () => Promise.resolve() };
  }
  const store = createS3ArtifactStore(s3);
  return {
    store,
    description: `s3:${s3.bucket}`,
    close: () => {
      store.close();
      return Promise.resolve();
    },
  };
}
