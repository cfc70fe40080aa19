import { Pool, TypeOverrides, type PoolClient } from 'pg';
import { DbError, DbErrorCode } from './db-error.ts';
import type { Db, SqlValue } from './db.ts';

/** OID of PostgreSQL's `int8`/`bigint`, which node-postgres returns as a string by default. */
const INT8_OID = 20;

/**
 * Parses `bigint` columns (epoch-ms timestamps, byte sizes, counts) as numbers so rows look the same as
 * SQLite's. Values beyond 2^53 would lose precision silently, so they fail loudly instead.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new DbError(DbErrorCode.CorruptRow, `bigint ${text} does not fit a JS number exactly`);
  }
  return value;
}

/** Either the pool (each call may use a different connection) or one client holding a transaction. */
type Runner = Pool | PoolClient;

interface TxScope {
  readonly depth: number;
  active: boolean;
}

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly pool: Pool,
    private readonly runner: Runner,
    private readonly scope: TxScope | undefined,
  ) {}

  async query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.assertActive();
    const result = await this.runner.query<T>(sql, [...params]);
    return result.rows;
  }

  async one<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const rows = await this.query<T>(sql, params);
    return rows[0];
  }

  async exec(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.assertActive();
    const result = await this.runner.query(sql, [...params]);
    return result.rowCount ?? 0;
  }

  async execScript(sql: string): Promise<void> {
    this.assertActive();
    // Without parameters node-postgres uses the simple query protocol, which accepts several statements.
    await this.runner.query(sql);
  }

  async transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
    this.assertActive();
    if (this.scope !== undefined) return this.nested(this.runner, this.scope.depth + 1, fn);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const scope: TxScope = { depth: 0, active: true };
      try {
        const result = await fn(new PostgresDb(this.pool, client, scope));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot roll back must not go back to the pool in an unknown state.
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        scope.active = false;
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.scope !== undefined) throw new Error('close() is called on the root handle, not inside a transaction');
    await this.pool.end();
  }

  private async nested<R>(runner: Runner, depth: number, fn: (tx: Db) => Promise<R>): Promise<R> {
    const savepoint = `whittle_sp_${depth}`;
    await runner.query(`SAVEPOINT ${savepoint}`);
    const scope: TxScope = { depth, active: true };
    try {
      const result = await fn(new PostgresDb(this.pool, runner, scope));
      await runner.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      await runner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    } finally {
      scope.active = false;
    }
  }

  private assertActive(): void {
    if (this.scope !== undefined && !this.scope.active) {
      throw new Error('This transaction handle was used after its transaction ended');
    }
  }
}

/**
 * Options for {@link openPostgresDb}.
 * @public
 */
export interface PostgresOptions {
  /** A `postgres://` connection URL (DATABASE_URL). */
  readonly databaseUrl: string;
  /**
   * Schema to work in (sets `search_path` on every connection). Lets tests, or several studios, share one
   * database. Must already exist. Lowercase letters, digits and `_` only.
   */
  readonly schema?: string;
  /** Most connections the pool opens; default 10. */
  readonly maxConnections?: number;
}

/**
 * Opens a PostgreSQL connection pool. Connections are made lazily; the first query fails (within 5 s) when the
 * server is unreachable.
 * @public
 */
export function openPostgresDb(options: PostgresOptions): Db {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new DbError(DbErrorCode.BadConfig, `schema name ${JSON.stringify(options.schema)} is not a plain identifier`);
  }
  const types = new TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5000,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would crash the process.
  // The next query reports the failure to its caller instead.
  pool.on('error', () => undefined);
  return new PostgresDb(pool, pool, undefined);
}
