import type { Db } from './db.ts';
import { DbError, DbErrorCode } from './db-error.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';

/**
 * What {@link migrate} did.
 * @public
 */
export interface MigrateResult {
  /** Versions applied by this call, in order; empty when the schema was already current. */
  readonly applied: readonly number[];
  /** The schema version after the call. */
  readonly version: number;
}

function checkSequence(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new DbError(
        DbErrorCode.MigrationFailed,
        `migration "${migration.name}" has version ${migration.version}; expected ${index + 1} (versions start at 1, no gaps)`,
      );
    }
  });
}

/**
 * Brings the schema up to the newest of `migrations`, recording each in `schema_migrations`.
 *
 * All pending migrations run in one transaction, so the schema is either fully upgraded or unchanged. Safe to
 * call on every start, from several processes at once: SQLite's `BEGIN IMMEDIATE` and a PostgreSQL advisory lock
 * make concurrent callers take turns, and the applied versions are read under that lock. Refuses
 * ({@link DbErrorCode.SchemaTooNew}) a database migrated by a newer release, because this code would
 * misread it.
 * @public
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateResult> {
  checkSequence(migrations);
  const known = migrations.length;
  try {
    return await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') {
        // Keyed by schema so tests (one schema each) and separate studios in one database do not queue up.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema()))');
      }
      await tx.execScript(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      const done = new Set(rows.map((row) => row.version));
      const current = rows.reduce((max, row) => Math.max(max, row.version), 0);
      if (current > known) {
        throw new DbError(
          DbErrorCode.SchemaTooNew,
          `the database schema is at version ${current} but this release knows versions up to ${known}; upgrade Whittle or point it at another database`,
        );
      }
      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        try {
          await tx.execScript(migration.sql);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new DbError(
            DbErrorCode.MigrationFailed,
            `migration ${migration.version} "${migration.name}" failed: ${reason}`,
            { cause: error },
          );
        }
        await tx.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
        applied.push(migration.version);
      }
      return { applied, version: Math.max(current, known) };
    });
  } catch (error) {
    if (error instanceof DbError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new DbError(DbErrorCode.MigrationFailed, `migrating the schema failed: ${reason}`, { cause: error });
  }
}
