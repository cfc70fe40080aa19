import { z } from 'zod';

/**
 * A tensor dimension: a non-negative integer, or a symbolic name (`N`, `batch`, `floor((H+1)/2)`).
 * @public
 */
export const dimSchema = z.union([z.number().int().nonnegative(), z.string()]);

/**
 * A shape; symbolic dims are strings.
 * @public
 */
export const shapeSchema = z.array(dimSchema).readonly();

/**
 * A count or byte size: a non-negative safe integer (static cost figures stay below 2^53).
 * @public
 */
export const countSchema = z.number().int().nonnegative();

/**
 * A map from names (dtype names, op types, domains) to counts.
 * @public
 */
export const countRecordSchema = z.record(z.string(), countSchema).readonly();
