/**
 * Real databases for the worker tests: SQLite in a temp data dir, or a fresh PostgreSQL schema per test file
 * (`whittle_worker_test_<random>`, dropped afterwards). The same idea as the store's own test harness, written
 * again here because packages do not import each other's test folders.
 */
import { randomBytes } from 'node:crypto';
import { openDb, type Db, type DbConfig } from '@whittle/store';
import { TEST_DATABASE_URL } from './env.ts';

export interface TestDatabase {
  readonly label: 'sqlite' | 'postgres';
  /** What the worker under test opens. */
  readonly config: DbConfig;
  /** The test's own handle (migrated by the worker at start). */
  readonly db: Db;
  cleanup(): Promise<void>;
}

export function sqliteDatabase(dataDir: string): TestDatabase {
  const config = { dataDir };
  const db = openDb(config);
  return { label: 'sqlite', config, db, cleanup: () => db.close() };
}

/** A fresh schema; an unreachable server fails the file with a message saying so (never a skip). */
export async function postgresDatabase(): Promise<TestDatabase> {
  const admin = openDb({ databaseUrl: TEST_DATABASE_URL, maxConnections: 1 });
  const schema = `whittle_worker_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.execScript(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    await admin.close();
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${error instanceof Error ? error.message : String(error)}); the worker's PostgreSQL suite needs it.`, { cause: error });
  }
  const config = { databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 4 };
  const db = openDb(config);
  return {
    label: 'postgres',
    config,
    db,
    async cleanup() {
      await db.close();
      await admin.execScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}
