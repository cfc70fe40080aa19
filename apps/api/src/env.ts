import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDirSetting, integerSetting, postgresUrlSetting, queuePrefixSetting, redisUrlSetting, type SettingsSource, settingValue } from '@whittle/shared';
import { ARTIFACT_STORE_SETTINGS } from '@whittle/store';
import { apiConfig, type ApiConfig } from './config.ts';

/** The repository root, three levels above this file (apps/api/src/env.ts). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const MIB = 1024 * 1024;

/**
 * Reads and validates the API's settings. This file is the only reader of `process.env` in the app (DESIGN.md §2),
 * so every variable, its default and its validation live here:
 *
 * PORT (8080), HOST (127.0.0.1), WHITTLE_DATA_DIR (`.whittle-data`), DATABASE_URL (unset: SQLite in the data
 * directory), REDIS_URL (redis://127.0.0.1:6379), WHITTLE_QUEUE_PREFIX (`whittle`), WHITTLE_MAX_MODEL_MB (2048),
 * WHITTLE_MAX_DATASET_MB (1024), WHITTLE_RATE_LIMIT_PER_MIN (1200), WHITTLE_CORS_ORIGINS (none), WHITTLE_WEB_ROOT
 * (unset: the holding page), WHITTLE_TRUST_PROXY (off), WHITTLE_S3_* (unset: artifacts on local disk; see @whittle/store).
 *
 * Relative paths are resolved against the repository root, not the working directory, because `pnpm --filter`
 * starts the server from `apps/api`.
 * @param source - the variables to read; `process.env` unless a caller passes its own.
 * @throws Error naming the variable and what was expected (never echoing URLs, which may carry passwords).
 * @public
 */
export function loadEnv(source: SettingsSource = process.env): ApiConfig {
  const dataDir = repoPath(dataDirSetting(source));
  const databaseUrl = postgresUrlSetting(source);
  const webRoot = settingValue(source, 'WHITTLE_WEB_ROOT');
  return apiConfig({
    port: parsePort(settingValue(source, 'PORT') ?? '8080'),
    host: settingValue(source, 'HOST') ?? '127.0.0.1',
    dataDir,
    database: databaseUrl === undefined ? { dataDir } : { databaseUrl },
    redisUrl: redisUrlSetting(source),
    queuePrefix: queuePrefixSetting(source),
    maxModelBytes: integerSetting(source, 'WHITTLE_MAX_MODEL_MB', 2048, 1, 1024 * 1024) * MIB,
    maxDatasetBytes: integerSetting(source, 'WHITTLE_MAX_DATASET_MB', 1024, 1, 1024 * 1024) * MIB,
    rateLimits: { globalPerMin: integerSetting(source, 'WHITTLE_RATE_LIMIT_PER_MIN', 1200, 1, 1_000_000) },
    corsOrigins: corsOrigins(settingValue(source, 'WHITTLE_CORS_ORIGINS')),
    webRoot: webRoot === undefined ? undefined : repoPath(webRoot),
    trustProxy: trustProxy(settingValue(source, 'WHITTLE_TRUST_PROXY')),
    artifactSettings: Object.fromEntries(ARTIFACT_SETTING_NAMES.map((name) => [name, source[name]])),
  });
}

/** What selects and configures the artifact store (S3 when WHITTLE_S3_BUCKET is set; see @whittle/store). */
const ARTIFACT_SETTING_NAMES = [...ARTIFACT_STORE_SETTINGS, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

function repoPath(path: string): string {
  return isAbsolute(path) ? path : resolve(repoRoot, path);
}

function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new Error(`PORT must be an integer from 0 to 65535, found "${raw}"`);
  }
  return port;
}

/** A comma list of origins (`https://studio.example:8443`); `*` is refused: credentials are never shared with any site. */
function corsOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const url = URL.canParse(entry) ? new URL(entry) : undefined;
      if (url === undefined || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
        throw new Error(`WHITTLE_CORS_ORIGINS must list origins like https://studio.example (no path, no '*'), found "${entry}"`);
      }
      return url.origin;
    });
}

/** `true`/`1`, `false`/`0`, or Fastify's list of trusted proxy addresses (`127.0.0.1,10.0.0.0/8`). */
function trustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  if (!/^[0-9A-Fa-f.:/,\s]+$/.test(raw)) {
    throw new Error(`WHITTLE_TRUST_PROXY must be true, false or a comma list of proxy addresses, found "${raw}"`);
  }
  return raw;
}
