/**
 * A value that can be bound to a placeholder. Booleans are stored as 0/1 integers and JSON as TEXT, so the
 * same value round-trips through SQLite and PostgreSQL; repositories convert at their boundary.
 * @public
 */
export type SqlValue = string | number | null;

/** @public */
export type Dialect = 'sqlite' | 'postgres';

/**
 * The async query layer shared by both dialects. SQL is written once with PostgreSQL-style `$1, $2`
 * placeholders; the SQLite implementation translates them.
 *
 * Rows come back with the column names of the SQL (snake_case); `BIGINT` columns come back as JS numbers in
 * both dialects (timestamps are epoch milliseconds).
 * @public
 */
export interface Db {
  /** Which implementation this is, for the rare SQL that must differ. */
  readonly dialect: Dialect;
  /** Runs one statement and returns its rows (use `RETURNING` to read back written rows). */
  query<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one statement and returns its first row, or `undefined` when there is none. */
  one<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs one statement and returns the number of rows it changed. */
  exec(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  execScript(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Inside, use only the
   * `tx` handle: on SQLite the outer handle waits until the transaction ends (one connection, serialized), on
   * PostgreSQL it would run on another pooled connection outside the transaction. Nested calls on `tx` use
   * savepoints.
   */
  transaction<R>(fn: (tx: Db) => Promise<R>): Promise<R>;
  /** Closes the connection(s); pending work is not cancelled. */
  close(): Promise<void>;
}

/**
 * Rewrites `$N` placeholders into positional `?` placeholders and orders the parameters to match, so one SQL
 * text serves both dialects (a `$N` may repeat). Text inside single-quoted literals, double-quoted identifiers
 * and comments is left alone.
 * @internal
 */
export function toPositional(sql: string, params: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  const ordered: SqlValue[] = [];
  const pattern = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\$(\d+)/g;
  const rewritten = sql.replace(pattern, (match: string, index: string | undefined) => {
    if (index === undefined) return match;
    const position = Number(index) - 1;
    if (position < 0 || position >= params.length) {
      throw new RangeError(`SQL placeholder $${index} has no parameter (${params.length} given)`);
    }
    ordered.push(params[position] ?? null);
    return '?';
  });
  return { sql: rewritten, params: ordered };
}
