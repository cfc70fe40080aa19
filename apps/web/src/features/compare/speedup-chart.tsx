/**
 * Predicted speedup (MACs ratio to the original: an estimate) next to the measured one (p50 ratio on one device), per
 * variant. A measured bar well below its prediction says the layers removed were not where the time went.
 */
import type { JSX } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { speedups } from './speedup.ts';
import type { VariantRow } from './variant-rows.ts';

/** Props of {@link SpeedupChart}. */
export interface SpeedupChartProps {
  readonly rows: readonly VariantRow[];
  readonly deviceKey: string | undefined;
}

/** @public */
export function SpeedupChart({ rows, deviceKey }: SpeedupChartProps): JSX.Element {
  const data = speedups(rows, deviceKey).map((s) => ({ name: s.name, predicted: s.predicted, measured: s.measured }));
  return (
    <figure className="compare-chart" data-testid="chart-speedup">
      <figcaption>Speedup over the original: predicted (MACs ratio, estimate) vs measured (p50{deviceKey === undefined ? '' : `, ${deviceKey}`})</figcaption>
      {data.length === 0 ? (
        <p className="compare-empty">Only the original so far: run a prune job to compare.</p>
      ) : (
        <BarChart width={560} height={280} data={data} margin={{ top: 10, right: 20, bottom: 30, left: 20 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
          <YAxis unit="×" />
          <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(2)}×` : '—')} />
          <Legend />
          <ReferenceLine y={1} stroke="#555555" />
          <Bar dataKey="predicted" name="predicted (estimate)" fill="#a0a0a0" isAnimationActive={false} />
          <Bar dataKey="measured" name="measured" fill="#3465a4" isAnimationActive={false} />
        </BarChart>
      )}
    </figure>
  );
}
