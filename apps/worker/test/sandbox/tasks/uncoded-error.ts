/** Throws a plain Error whose message names this file's folder, to check that host paths are redacted. */
export function run(): never {
  throw new TypeError(`Cannot read properties of undefined (reading 'dims') in ${import.meta.dirname}/helper.ts`);
}
