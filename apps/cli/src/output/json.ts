/** JSON output: every document is validated against its shared schema before it is printed. */
import { errorBodySchema, type ErrorBody } from '@whittle/shared';
import type { CliIo } from '../io.ts';

/** What `printJson` needs of a zod schema. */
export interface ParsingSchema<T> {
  parse(value: unknown): T;
}

/** Prints `value` as indented JSON after parsing it with `schema` (a failed parse is a bug, thrown as such). */
export function printJson<T>(io: CliIo, schema: ParsingSchema<T>, value: T): void {
  io.out(`${JSON.stringify(schema.parse(value), null, 2)}\n`);
}

/** Prints `{ "error": { "code", "message" } }`. */
export function printJsonError(io: CliIo, code: string, message: string): void {
  const body: ErrorBody = { error: { code, message } };
  printJson(io, errorBodySchema, body);
}
