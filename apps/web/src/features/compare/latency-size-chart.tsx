/**
 * Latency (measured p50 on one device) against file size (measured), with the Pareto front drawn as a line: the
 * variants worth choosing between. Accuracy replaces size on the y axis once evaluation (W6) records it.
 */
import type { JSX } from 'react';
import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { paretoFront } from './pareto.ts';
import type { VariantRow } from './variant-rows.ts';

/** Props of {@link LatencySizeChart}. */
export interface LatencySizeChartProps {
  readonly rows: readonly VariantRow[];
  readonly deviceKey: string;
}

interface Point {
  readonly id: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

/** @public */
export function LatencySizeChart({ rows, deviceKey }: LatencySizeChartProps): JSX.Element {
  const points: Point[] = rows.flatMap((r) => {
    const p50 = r.latency[deviceKey]?.p50Ms;
    return p50 === undefined ? [] : [{ id: r.id, name: r.name, x: p50, y: r.fileBytes / 1024 }];
  });
  const front = paretoFront(points);
  const onFront = new Set(front.map((p) => p.id));
  const rest = points.filter((p) => !onFront.has(p.id));
  return (
    <figure className="compare-chart" data-testid="chart-latency-size">
      <figcaption>Latency vs size — Pareto front highlighted (both measured, {deviceKey})</figcaption>
      {points.length === 0 ? (
        <p className="compare-empty">No variant has a benchmark on this device yet.</p>
      ) : (
        <ScatterChart width={560} height={280} margin={{ top: 10, right: 20, bottom: 30, left: 20 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" name="p50 latency" unit=" ms" label={{ value: 'p50 latency, ms (measured)', position: 'bottom' }} />
          <YAxis type="number" dataKey="y" name="file size" unit=" KiB" label={{ value: 'KiB', angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(2) : String(value))} labelFormatter={() => ''} />
          <Legend />
          <Scatter name="Pareto front" data={front} fill="#1b7f3b" line={{ stroke: '#1b7f3b' }} shape="diamond" isAnimationActive={false} />
          <Scatter name="dominated" data={rest} fill="#888888" isAnimationActive={false} />
        </ScatterChart>
      )}
    </figure>
  );
}
