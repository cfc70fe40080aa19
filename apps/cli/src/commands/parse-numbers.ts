/** Numeric option values: integers, comma lists of integers, positive numbers. Malformed values are usage errors. */
import { usageError } from '../cli-error.ts';

const INT = /^\d{1,9}$/;

/** `--flag n`: a non-negative integer. */
export function parseIntFlag(raw: string, flag: string): number {
  if (!INT.test(raw.trim())) throw usageError(`${flag} '${raw}' is not a non-negative integer.`);
  return Number(raw.trim());
}

/** `--flag 1,2 --flag 4`: every comma-separated integer of every occurrence, in order. */
export function parseIntList(values: readonly string[], flag: string): number[] {
  const items = values.flatMap((v) => v.split(',')).map((s) => s.trim());
  if (items.some((s) => !INT.test(s))) throw usageError(`${flag} '${values.join(',')}' is not a list of integers; e.g. ${flag} 1,2.`);
  return items.map(Number);
}

/** `--flag s`: a finite number greater than 0. */
export function parsePositiveNumber(raw: string, flag: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) throw usageError(`${flag} '${raw}' is not a number greater than 0.`);
  return n;
}
