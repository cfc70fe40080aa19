import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Settings the API reads from its environment. This file is the only reader of `process.env` in the app
 * (DESIGN.md §2), so every setting, its default and its validation live here.
 * @public
 */
export interface ApiEnv {
  /** TCP port to listen on; 0 asks the OS for a free one. */
  readonly port: number;
  /** Interface to bind; loopback by default so a fresh install is not reachable from the network. */
  readonly host: string;
  /** Absolute path of the studio's data directory (metadata, artifacts). */
  readonly dataDir: string;
}

/** The repository root, three levels above this file (apps/api/src/env.ts). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Reads and validates the API's settings.
 *
 * A relative `WHITTLE_DATA_DIR` is resolved against the repository root, not the working directory,
 * because `pnpm --filter` starts the server from `apps/api`.
 * @param source - the variables to read; `process.env` unless a caller passes its own.
 * @throws Error naming the variable, the value found and what was expected.
 * @public
 */
export function loadEnv(source: Readonly<Record<string, string | undefined>> = process.env): ApiEnv {
  const dataDir = nonEmpty(source.WHITTLE_DATA_DIR) ?? '.whittle-data';
  return {
    port: parsePort(nonEmpty(source.PORT) ?? '8080'),
    host: nonEmpty(source.HOST) ?? '127.0.0.1',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(repoRoot, dataDir),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new Error(`PORT must be an integer from 0 to 65535, found "${raw}"`);
  }
  return port;
}
