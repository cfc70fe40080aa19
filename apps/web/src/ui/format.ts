/** Display formatting shared by the screens. */

/** `1234567` → `1.2 MB` (decimal units, as file managers show sizes). @public */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${String(bytes)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'] as const;
  let value = bytes;
  let unit: string = 'B';
  for (const next of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = next;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${unit}`;
}

/** `1234567` → `1.23 M` (params, MACs). @public */
export function formatCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(1)} k`;
  if (count < 1_000_000_000) return `${(count / 1_000_000).toFixed(2)} M`;
  return `${(count / 1_000_000_000).toFixed(2)} G`;
}

/** Epoch ms → local date and time. @public */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString();
}

/** A short form of a UUID for tables (the full id stays in links and titles). @public */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
