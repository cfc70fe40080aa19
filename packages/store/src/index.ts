/**
 * @whittle/store — persistence shared by the API and the workers (Node only): metadata in SQLite or PostgreSQL
 * behind one query layer, and content-addressed artifacts. The database is the source of truth for job state.
 * @packageDocumentation
 */
export {};

// Artifacts: content-addressed blob storage (src/artifacts/).
export {
  type ArtifactStore,
  assertArtifactKey,
  isArtifactKey,
  type PutOptions,
  type PutResult,
  type ReadAllOptions,
} from './artifacts/artifact-store.ts';
export {
  createLocalArtifactStore,
  type LocalArtifactStoreOptions,
  type LocalArtifactLayout,
  localArtifactLayout,
} from './artifacts/local-artifact-store.ts';
export {
  createS3ArtifactStore,
  type S3ArtifactStore,
  s3ArtifactObjectName,
} from './artifacts/s3-artifact-store.ts';
export { type S3ArtifactStoreConfig } from './artifacts/s3-artifact-store-config.ts';
export {
  ArtifactStoreError,
  ArtifactStoreErrorCode,
  isArtifactStoreError,
} from './artifacts/artifact-store-error.ts';

// Metadata: SQLite or PostgreSQL behind one query layer, migrations and repositories (src/db/).
export * from './db/index.ts';
export {
  ARTIFACT_STORE_SETTINGS,
  openArtifactStore,
  s3ConfigFromSettings,
  type OpenedArtifactStore,
} from './artifacts/artifact-store-from-settings.ts';
