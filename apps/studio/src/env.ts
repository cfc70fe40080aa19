import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Settings of the launcher. The only reader of `process.env` in this app (DESIGN.md §2). The API and the worker
 * read their own settings; the launcher passes its environment on, adding only what it decided (the private Redis
 * URL, the web root).
 * @public
 */
export interface StudioEnv {
  /** `REDIS_URL`, or the default local Redis. */
  readonly redisUrl: string;
  /** Absolute data directory (`WHITTLE_DATA_DIR`, default `.whittle-data` under the repository root). */
  readonly dataDir: string;
  /** `WHITTLE_SKIP_WEB_BUILD=1`: serve whatever `apps/web/dist` holds (tests; machines without the web toolchain). */
  readonly skipWebBuild: boolean;
  /** The environment handed to the API and the worker. */
  readonly passThrough: Readonly<Record<string, string | undefined>>;
}

/** The repository root, three levels above this file (apps/studio/src/env.ts). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The default Redis: the one the docs tell users to install, on its standard port. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** @public */
export function loadStudioEnv(source: Readonly<Record<string, string | undefined>> = process.env): StudioEnv {
  const given = source.REDIS_URL?.trim();
  const dataDir = source.WHITTLE_DATA_DIR?.trim() || '.whittle-data';
  return {
    redisUrl: given === undefined || given === '' ? DEFAULT_REDIS_URL : given,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir),
    skipWebBuild: source.WHITTLE_SKIP_WEB_BUILD === '1',
    passThrough: source,
  };
}
