/**
 * Identifiers on the wire. Every id is server-generated (`crypto.randomUUID()`); a path or query parameter is
 * checked against this pattern by the schema before any lookup, so `%2e%2e%2f`, `?`, `#` or a 10 kB string never
 * reach the database or the file system (catalogue a.1 row 12).
 */
import { z } from 'zod';

/** A lowercase UUID (any version): what the server issues for projects, models, variants, jobs and benchmarks. @public */
export const idSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a valid id');

/** Lowercase hex SHA-256. @public */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** Epoch milliseconds. @public */
export const epochMsSchema = z.number().int().nonnegative();

/** `{ id }` path parameters. @public */
export const idParamsSchema = z.strictObject({ id: idSchema });

/** `{ projectId }` path parameters. @public */
export const projectParamsSchema = z.strictObject({ projectId: idSchema });
