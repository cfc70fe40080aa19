import { DbError, DbErrorCode } from './db-error.ts';

/**
 * Serializes a value for a `*_json` TEXT column. `undefined` (which JSON cannot hold) is refused rather than
 * silently stored as nothing.
 * @internal
 */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not JSON-serializable`);
  return text;
}

/**
 * Parses a `*_json` column. The result is `unknown` on purpose: callers validate it with the schemas in
 * `@whittle/shared` at the boundary where they know the expected shape.
 * @internal
 */
export function fromJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DbError(DbErrorCode.CorruptRow, `${what} holds invalid JSON`, { cause: error });
  }
}

/** {@link fromJson} for nullable columns. @internal */
export function fromJsonOrNull(text: string | null, what: string): unknown {
  return text === null ? null : fromJson(text, what);
}
