/**
 * Parsing of the recipe forms' text fields. Forms keep what the user typed (so a half-typed "0." is not lost); these
 * turn it into values or a message naming the field, and the shared zod schemas then check ranges.
 */

/** A parsed field: the value, or why it could not be read. @public */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A number, or `undefined` for an empty field. @public */
export function parseOptionalNumber(field: string, text: string): Parsed<number | undefined> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const value = Number(trimmed);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, error: `${field}: '${trimmed}' is not a number` };
}

/** `"1, 2,4"` → `[1, 2, 4]`; integers only, at least one. @public */
export function parseIntegerList(field: string, text: string): Parsed<number[]> {
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, error: `${field}: give at least one number` };
  const values: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { ok: false, error: `${field}: '${part}' is not a whole number` };
    values.push(Number(part));
  }
  return { ok: true, value: values };
}

/**
 * Input shapes as typed: `x=1,3,48,192`, several separated by `;` or new lines (`x=1,3,48,192; mask=1,48`). Empty
 * text means none (the model's own shapes are used). Names may contain anything but `=` and `;`.
 * @public
 */
export function parseInputShapes(text: string): Parsed<Record<string, number[]> | undefined> {
  const entries = text.split(/[;\n]/).map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length === 0) return { ok: true, value: undefined };
  const shapes: Record<string, number[]> = {};
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    const name = entry.slice(0, Math.max(0, equals)).trim();
    if (equals < 0 || name === '') return { ok: false, error: `input shapes: '${entry}' is not name=d1,d2,…` };
    if (Object.hasOwn(shapes, name)) return { ok: false, error: `input shapes: '${name}' is given twice` };
    const dims = parseIntegerList(`input shapes: ${name}`, entry.slice(equals + 1));
    if (!dims.ok) return dims;
    shapes[name] = dims.value;
  }
  return { ok: true, value: shapes };
}

/** The inverse of {@link parseInputShapes}, for pre-filling a form. @public */
export function formatInputShapes(shapes: Readonly<Record<string, readonly number[]>> | undefined): string {
  if (shapes === undefined) return '';
  return Object.entries(shapes)
    .map(([name, dims]) => `${name}=${dims.join(',')}`)
    .join('; ');
}
