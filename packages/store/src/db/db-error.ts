/**
 * Stable error codes of the metadata layer. Callers key behaviour on the code, never on the message.
 * @public
 */
export const DbErrorCode = {
  /** The database holds a schema version this code does not know: it was migrated by a newer release. */
  SchemaTooNew: 'STORE_ERR_SCHEMA_TOO_NEW',
  /** A migration failed; the transaction was rolled back and the schema is unchanged. */
  MigrationFailed: 'STORE_ERR_MIGRATION_FAILED',
  /** The configuration is unusable (bad schema name, missing data directory, bad URL). */
  BadConfig: 'STORE_ERR_BAD_CONFIG',
  /** A stored value did not have the shape the code expects (e.g. JSON that no longer parses). */
  CorruptRow: 'STORE_ERR_CORRUPT_ROW',
} as const;

/** @public */
export type DbErrorCode = (typeof DbErrorCode)[keyof typeof DbErrorCode];

/**
 * An error of the metadata layer with a stable {@link DbErrorCode}.
 * @public
 */
export class DbError extends Error {
  /** The stable code. */
  readonly code: DbErrorCode;

  constructor(code: DbErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DbError';
    this.code = code;
  }
}
