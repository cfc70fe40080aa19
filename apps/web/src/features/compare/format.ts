/** Display formats of the comparison: SI counts, binary sizes, milliseconds with sensible precision. */

/** 1234567 → "1.23 M". */
export function formatCount(value: number | null): string {
  if (value === null) return '—';
  const units = ['', ' k', ' M', ' G', ' T'];
  let v = value;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? String(v) : v.toFixed(2)}${units[i] ?? ''}`;
}

/** 1536 → "1.5 KiB". */
export function formatBytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = value;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? String(v) : v.toFixed(1)} ${units[i] ?? ''}`;
}

/** 3.14159 → "3.14 ms"; under 1 ms keeps three decimals. */
export function formatMs(value: number | undefined): string {
  if (value === undefined) return '—';
  return `${value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

/** 1.5 → "1.50×". */
export function formatRatio(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}×`;
}
