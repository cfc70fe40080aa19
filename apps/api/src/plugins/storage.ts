import fp from 'fastify-plugin';
import { openArtifactStore, type ArtifactStore } from '@whittle/store';

declare module 'fastify' {
  interface FastifyInstance {
    /** Content-addressed artifacts (models, variants, analyses, datasets). */
    readonly artifacts: ArtifactStore;
  }
}

/**
 * The one place the artifact store is constructed: local files in the data directory, or an S3 bucket when the
 * settings name one (the workers choose the same way). Temp files a crashed API left behind are swept before the first
 * upload can start; the `api` role keeps that sweep away from the workers' live writes in a shared data directory.
 * @public
 */
export const storagePlugin = fp(
  async (app) => {
    const opened = openArtifactStore(app.config.artifactSettings, app.config.dataDir, 'api');
    await opened.store.sweepTemp(0);
    app.decorate('artifacts', opened.store);
    app.addHook('onClose', () => opened.close());
  },
  { name: 'whittle-storage', dependencies: ['whittle-config'] },
);
