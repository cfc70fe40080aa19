import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { openPostgresDb } from './postgres-db.ts';
import { openSqliteDb } from './sqlite-db.ts';

/**
 * Where the metadata lives: a SQLite file in the data directory (the default), or PostgreSQL when the
 * deployment sets DATABASE_URL (read by the app's env.ts and passed in here).
 * @public
 */
export type DbConfig =
  | { readonly dataDir: string }
  | { readonly databaseUrl: string; readonly schema?: string; readonly maxConnections?: number };

/** File name of the SQLite database inside the data directory. @public */
export const SQLITE_FILE_NAME = 'whittle.sqlite';

/**
 * Opens the metadata database described by `config`. Run {@link migrate} before using the repositories.
 * @public
 */
export function openDb(config: DbConfig): Db {
  if ('databaseUrl' in config) return openPostgresDb(config);
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteDb(join(config.dataDir, SQLITE_FILE_NAME));
}
