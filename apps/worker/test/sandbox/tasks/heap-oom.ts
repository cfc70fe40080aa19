/** Fills the V8 heap until `--max-old-space-size` stops it: V8 reports a fatal error, which cannot be caught. */
export function run(): never {
  const held: number[][] = [];
  for (;;) held.push(Array.from({ length: 1_000_000 }, (_, i) => i + 0.5));
}
