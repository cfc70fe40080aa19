import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db, type Dialect } from '../../src/index.ts';
import { TEST_DATABASE_URL } from './env.ts';

/** Gives a test file isolated, real databases of one dialect and removes them afterwards. */
export interface Harness {
  readonly dialect: Dialect;
  /** Opens a new, empty (unmigrated) database that no other test sees. */
  fresh(): Promise<Db>;
  /** Opens another handle on the same database as `db` (a second process, in effect). */
  sibling(db: Db): Promise<Db>;
  /** Closes every handle and deletes every database this harness made. */
  cleanup(): Promise<void>;
}

/** SQLite: one temp data directory per test file, one subdirectory per fresh database. */
export function sqliteHarness(): Harness {
  let root: string | undefined;
  const handles: Db[] = [];
  const dirs = new Map<Db, string>();
  return {
    dialect: 'sqlite',
    async fresh() {
      root ??= await mkdtemp(join(tmpdir(), 'whittle-store-'));
      const dataDir = join(root, `db-${dirs.size}`);
      const db = openDb({ dataDir });
      handles.push(db);
      dirs.set(db, dataDir);
      return db;
    },
    sibling(db) {
      const dataDir = dirs.get(db);
      if (dataDir === undefined) throw new Error('not a database of this harness');
      const other = openDb({ dataDir });
      handles.push(other);
      return Promise.resolve(other);
    },
    async cleanup() {
      await Promise.all(handles.map((db) => db.close()));
      if (root !== undefined) await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * PostgreSQL: one schema per fresh database (`whittle_test_<random>`), selected through `search_path`, dropped
 * afterwards. An unreachable server fails every test with a message saying so: CI has PostgreSQL, so a skip
 * would hide a broken setup.
 */
export function postgresHarness(): Harness {
  const admin = openDb({ databaseUrl: TEST_DATABASE_URL, maxConnections: 2 });
  const handles: Db[] = [];
  const schemas = new Map<Db, string>();
  let reachable: Promise<void> | undefined;

  const checkReachable = (): Promise<void> =>
    (reachable ??= admin.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${reason}). The PostgreSQL suite needs a server ` +
            '(127.0.0.1:5432, database "test", trust auth) or WHITTLE_TEST_DATABASE_URL.',
        );
      },
    ));

  const open = (schema: string): Db => {
    const db = openDb({ databaseUrl: TEST_DATABASE_URL, schema, maxConnections: 4 });
    handles.push(db);
    schemas.set(db, schema);
    return db;
  };

  return {
    dialect: 'postgres',
    async fresh() {
      await checkReachable();
      const schema = `whittle_test_${randomBytes(6).toString('hex')}`;
      await admin.execScript(`CREATE SCHEMA ${schema}`);
      return open(schema);
    },
    sibling(db) {
      const schema = schemas.get(db);
      if (schema === undefined) throw new Error('not a database of this harness');
      return Promise.resolve(open(schema));
    },
    async cleanup() {
      await Promise.all(handles.map((db) => db.close()));
      if (reachable !== undefined) {
        for (const schema of new Set(schemas.values())) await admin.execScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
      await admin.close();
    },
  };
}
