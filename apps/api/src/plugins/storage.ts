import fp from 'fastify-plugin';
import { createLocalArtifactStore, type ArtifactStore } from '@whittle/store';

declare module 'fastify' {
  interface FastifyInstance {
    /** Content-addressed artifacts (models, variants, analyses, datasets). */
    readonly artifacts: ArtifactStore;
  }
}

/**
 * The one place the artifact store is constructed (an S3-backed store will be chosen here from the config). Temp
 * files a crashed process left behind are swept before the first upload can start.
 * @public
 */
export const storagePlugin = fp(
  async (app) => {
    const store = createLocalArtifactStore(app.config.dataDir);
    await store.sweepTemp(0);
    app.decorate('artifacts', store);
  },
  { name: 'whittle-storage', dependencies: ['whittle-config'] },
);
