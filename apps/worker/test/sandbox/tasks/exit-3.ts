/** Exits by itself with a non-zero code before sending a result. */
export function run(): void {
  process.exit(3);
}
