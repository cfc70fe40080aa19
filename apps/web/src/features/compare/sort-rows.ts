/**
 * Sorting of the comparison table. A column is a fixed field or a device's p50/p99; rows without a value (no MACs,
 * not measured on that device) always go last, whichever the direction, so "fastest first" never starts with blanks.
 */
import type { VariantRow } from './variant-rows.ts';

/** A sortable column: a field, or `p50:`/`p99:` followed by a device key. */
export type SortKey = 'name' | 'step' | 'params' | 'macs' | 'fileBytes' | `p50:${string}` | `p99:${string}`;

/** The table's sort state. */
export interface SortState {
  readonly key: SortKey;
  readonly direction: 'asc' | 'desc';
}

function valueOf(row: VariantRow, key: SortKey): number | string | null {
  if (key.startsWith('p50:')) return row.latency[key.slice(4)]?.p50Ms ?? null;
  if (key.startsWith('p99:')) return row.latency[key.slice(4)]?.p99Ms ?? null;
  switch (key) {
    case 'name':
      return row.name;
    case 'step':
      return row.step;
    case 'params':
      return row.params;
    case 'macs':
      return row.macs;
    case 'fileBytes':
      return row.fileBytes;
    default:
      return null;
  }
}

/** A sorted copy (stable: equal values keep the API's order). */
export function sortRows(rows: readonly VariantRow[], sort: SortState): VariantRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const order = typeof a.value === 'string' || typeof b.value === 'string' ? String(a.value).localeCompare(String(b.value)) : a.value - b.value;
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((entry) => entry.row);
}

/** The state after clicking a column header: the same column flips, a new one starts ascending. */
export function nextSort(current: SortState, key: SortKey): SortState {
  return current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' };
}
