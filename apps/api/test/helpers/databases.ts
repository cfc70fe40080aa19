import { randomBytes } from 'node:crypto';
import { openDb, type DbConfig } from '@whittle/store';
import { TEST_DATABASE_URL } from './env.ts';

/** Where a test app keeps its metadata: SQLite in its data dir, or a fresh PostgreSQL schema. */
export interface TestDatabases {
  readonly dialect: 'sqlite' | 'postgres';
  /** A database no other test sees. */
  fresh(dataDir: string): Promise<DbConfig>;
  /** Drops what `fresh` made. */
  cleanup(): Promise<void>;
}

export function sqliteDatabases(): TestDatabases {
  return { dialect: 'sqlite', fresh: (dataDir) => Promise.resolve({ dataDir }), cleanup: () => Promise.resolve() };
}

/**
 * One `whittle_api_test_<random>` schema per fresh database, dropped afterwards. An unreachable server fails the
 * tests with a message saying so: a skip would hide a broken setup.
 */
export function postgresDatabases(): TestDatabases {
  const admin = openDb({ databaseUrl: TEST_DATABASE_URL, maxConnections: 1 });
  const schemas: string[] = [];
  return {
    dialect: 'postgres',
    async fresh() {
      const schema = `whittle_api_test_${randomBytes(6).toString('hex')}`;
      try {
        await admin.execScript(`CREATE SCHEMA ${schema}`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${reason}); set WHITTLE_TEST_DATABASE_URL`, { cause: error });
      }
      schemas.push(schema);
      return { databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 4 };
    },
    async cleanup() {
      for (const schema of schemas.splice(0)) await admin.execScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}
