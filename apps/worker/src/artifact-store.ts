/**
 * The one place the worker opens its artifact store: local content-addressed files under the data directory, or the
 * S3-compatible bucket the settings name (as the API decides). The `worker` role keeps its temp files apart from the
 * API's; several workers may share a data directory, so the start-up sweep only takes files no live put has touched
 * for a while (a live put moves its temp file's mtime with every chunk).
 */
import { openArtifactStore, type OpenedArtifactStore } from '@whittle/store';

/** Temp files untouched this long belong to a dead process. */
const STALE_TEMP_MS = 10 * 60_000;

export async function openWorkerArtifactStore(options: {
  readonly dataDir: string;
  readonly settings: Readonly<Record<string, string | undefined>>;
}): Promise<OpenedArtifactStore> {
  const opened = openArtifactStore(options.settings, options.dataDir, 'worker');
  await opened.store.sweepTemp(STALE_TEMP_MS);
  return opened;
}
