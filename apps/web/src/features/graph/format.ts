/** Number and shape formatting shared by the inspector and the pruning header. */

/** 1234567 → "1.23 M"; small counts stay exact. @public */
export function compact(n: number | null): string {
  if (n === null) return 'unknown';
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (abs >= 1e4) return `${(n / 1e3).toFixed(1)} k`;
  return n.toLocaleString('en-US');
}

/** `float32[1, 3, 224, 224]`, with `?` for what shape inference could not tell. @public */
export function typeText(dtype: string | null, shape: readonly (string | number)[] | null): string {
  return `${dtype ?? '?'}[${shape === null ? '?' : shape.join(', ')}]`;
}
