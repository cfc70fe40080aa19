/**
 * Predicted vs measured speedup of each variant over its model's original. Predicted is the MACs ratio (a static
 * estimate: it assumes latency scales with arithmetic, which memory-bound layers and runtime overheads break);
 * measured is the ratio of p50 latencies on one device. The gap between the two is what the chart is for.
 */
import type { VariantRow } from './variant-rows.ts';

/** One variant's speedups; null where a figure is missing (no MACs, not measured on the device). */
export interface Speedup {
  readonly id: string;
  readonly name: string;
  readonly predicted: number | null;
  readonly measured: number | null;
}

/** The original (step 0, no parent) of `row`'s model among `rows`. */
export function originalOf(rows: readonly VariantRow[], row: VariantRow): VariantRow | undefined {
  return rows.find((r) => r.modelId === row.modelId && r.parentId === null && r.step === 0);
}

function ratio(before: number | null | undefined, after: number | null | undefined): number | null {
  if (before === null || before === undefined || after === null || after === undefined || after <= 0 || before <= 0) return null;
  return before / after;
}

/** Speedups of every non-original row on the device `deviceKey`. */
export function speedups(rows: readonly VariantRow[], deviceKey: string | undefined): Speedup[] {
  return rows
    .filter((row) => !(row.parentId === null && row.step === 0))
    .map((row) => {
      const original = originalOf(rows, row);
      const measured = deviceKey === undefined ? null : ratio(original?.latency[deviceKey]?.p50Ms, row.latency[deviceKey]?.p50Ms);
      return { id: row.id, name: row.name, predicted: ratio(original?.macs, row.macs), measured };
    });
}
