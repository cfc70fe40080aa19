/** Number and size formatting for human output. */

const SI = [
  { value: 1e12, suffix: 'T' },
  { value: 1e9, suffix: 'G' },
  { value: 1e6, suffix: 'M' },
  { value: 1e3, suffix: 'k' },
] as const;

/** `1234567` → `1.23 M`; small numbers as they are. */
export function formatCount(n: number): string {
  for (const unit of SI) if (n >= unit.value) return `${(n / unit.value).toPrecision(3)} ${unit.suffix}`;
  return String(n);
}

/** `1234567` → `1.18 MiB`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${String(n)} B` : `${value.toPrecision(3)} ${units[unit] ?? ''}`;
}

/** `[1,3,'H',320]` → `[1, 3, H, 320]`; `?` for an unknown shape. */
export function formatShape(shape: readonly (number | string)[] | null): string {
  return shape === null ? '?' : `[${shape.join(', ')}]`;
}

/** Groups digits: `1234567` → `1,234,567`. */
export function formatExact(n: number): string {
  return n.toLocaleString('en-US');
}
