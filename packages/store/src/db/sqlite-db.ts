import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { toPositional, type Db, type SqlValue } from './db.ts';

type Connection = Database.Database;
type Statement = Database.Statement;

/**
 * Serializes work on the single SQLite connection. better-sqlite3 is synchronous, but a transaction body is
 * async: without this, a query from another request issued while the body awaits would silently join the
 * open transaction.
 */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  run<R>(fn: () => R | Promise<R>): Promise<R> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

interface Shared {
  readonly file: string;
  readonly conn: Connection;
  /** Open handles on this connection; the connection closes with the last. */
  refs: number;
  readonly lock: Lock;
  /** Prepared statements by SQL text; the SQL is static text from this package, so the map stays small. */
  readonly statements: Map<string, Statement>;
}

/** Where a handle runs: the root handle takes the lock; a transaction handle already holds it. */
interface TxScope {
  readonly depth: number;
  active: boolean;
}

/**
 * One connection per database file per process. better-sqlite3 waits for a lock synchronously, so two
 * connections to one file in one process deadlock: the second blocks the event loop in its busy wait while
 * the first holds a write transaction that needs the event loop to finish (the API and the worker may share
 * a process under `npm start`). Sharing the connection and its {@link Lock} serializes them instead.
 */
const openConnections = new Map<string, Shared>();

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private closed = false;

  constructor(
    private readonly shared: Shared,
    private readonly scope: TxScope | undefined,
  ) {}

  query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.guard(() => {
      const { statement, values } = this.prepare(sql, params);
      if (statement.reader) return statement.all(...values) as T[];
      statement.run(...values);
      return [];
    });
  }

  async one<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    const rows = await this.query<T>(sql, params);
    return rows[0];
  }

  exec(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.guard(() => {
      const { statement, values } = this.prepare(sql, params);
      if (statement.reader) {
        // A `RETURNING` statement is a reader; count what it returned.
        return statement.all(...values).length;
      }
      return statement.run(...values).changes;
    });
  }

  execScript(sql: string): Promise<void> {
    return this.guard(() => {
      this.shared.conn.exec(sql);
    });
  }

  transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R> {
    const depth = this.scope === undefined ? 0 : this.scope.depth + 1;
    const body = async (): Promise<R> => {
      this.assertActive();
      const { conn } = this.shared;
      const savepoint = `whittle_sp_${depth}`;
      // IMMEDIATE takes the write lock up front: a deferred transaction that reads, then writes, can fail with
      // SQLITE_BUSY when another process (API and worker share the file) wrote in between.
      conn.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      const scope: TxScope = { depth, active: true };
      try {
        const result = await fn(new SqliteDb(this.shared, scope));
        conn.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
        return result;
      } catch (error) {
        if (depth === 0) {
          if (conn.inTransaction) conn.exec('ROLLBACK');
        } else {
          conn.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        }
        throw error;
      } finally {
        scope.active = false;
      }
    };
    return this.scope === undefined ? this.shared.lock.run(body) : body();
  }

  close(): Promise<void> {
    if (this.scope !== undefined) return Promise.reject(new Error('close() is called on the root handle, not inside a transaction'));
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const { shared } = this;
    return shared.lock.run(() => {
      shared.refs -= 1;
      if (shared.refs > 0) return;
      openConnections.delete(shared.file);
      shared.statements.clear();
      shared.conn.close();
    });
  }

  private guard<R>(fn: () => R): Promise<R> {
    if (this.closed) return Promise.reject(new Error('This database handle is closed'));
    if (this.scope === undefined) return this.shared.lock.run(fn);
    try {
      this.assertActive();
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private assertActive(): void {
    if (this.scope !== undefined && !this.scope.active) {
      throw new Error('This transaction handle was used after its transaction ended');
    }
  }

  private prepare(sql: string, params: readonly SqlValue[]): { statement: Statement; values: SqlValue[] } {
    const positional = toPositional(sql, params);
    let statement = this.shared.statements.get(sql);
    if (statement === undefined) {
      statement = this.shared.conn.prepare(positional.sql);
      this.shared.statements.set(sql, statement);
    }
    return { statement, values: positional.params };
  }
}

/**
 * Opens (creating if needed) the SQLite database at `file`, sharing the process's connection to it if there is
 * one (see `openConnections`), with the settings the studio relies on: WAL so
 * readers never block the writer, a 5 s busy timeout because the API and worker processes share the file,
 * foreign keys on (SQLite defaults them off), and `synchronous = NORMAL`, which is durable in WAL mode except
 * for the last transactions before a power loss.
 * @public
 */
export function openSqliteDb(file: string): Db {
  const path = resolve(file);
  const existing = openConnections.get(path);
  if (existing !== undefined) {
    existing.refs += 1;
    return new SqliteDb(existing, undefined);
  }
  const conn = new Database(path);
  try {
    conn.pragma('journal_mode = WAL');
    conn.pragma('busy_timeout = 5000');
    conn.pragma('foreign_keys = ON');
    conn.pragma('synchronous = NORMAL');
  } catch (error) {
    conn.close();
    throw error;
  }
  const shared: Shared = { file: path, conn, refs: 1, lock: new Lock(), statements: new Map() };
  openConnections.set(path, shared);
  return new SqliteDb(shared, undefined);
}
