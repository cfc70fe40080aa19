import { z } from 'zod';

/** A client-chosen key that makes a create safe to retry (catalogue a.1 row 18). @public */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/**
 * Headers of a create that takes an `Idempotency-Key`. Loose on purpose: a strict or stripping schema would replace
 * `request.headers` with the validated subset.
 * @public
 */
export const idempotencyHeadersSchema = z.looseObject({ 'idempotency-key': idempotencyKeySchema.optional() });
