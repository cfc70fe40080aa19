/** p50/p90/p99 per variant on each device that measured something (one small chart per device, all measured). */
import type { JSX } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Device, VariantRow } from './variant-rows.ts';

/** Props of {@link PercentileBars}. */
export interface PercentileBarsProps {
  readonly rows: readonly VariantRow[];
  readonly devices: readonly Device[];
}

/** @public */
export function PercentileBars({ rows, devices }: PercentileBarsProps): JSX.Element {
  return (
    <>
      {devices.map((device) => {
        const data = rows.flatMap((r) => {
          const l = r.latency[device.key];
          return l === undefined ? [] : [{ name: r.name, p50: l.p50Ms, p90: l.p90Ms, p99: l.p99Ms }];
        });
        return (
          <figure key={device.key} className="compare-chart" data-testid="chart-percentiles" data-device={device.key}>
            <figcaption>Latency percentiles, ms (measured) — {device.key}</figcaption>
            <BarChart width={560} height={280} data={data} margin={{ top: 10, right: 20, bottom: 30, left: 20 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
              <YAxis unit=" ms" />
              <Tooltip formatter={(value) => (typeof value === 'number' ? `${value.toFixed(3)} ms` : String(value))} />
              <Legend />
              <Bar dataKey="p50" fill="#4e9a06" isAnimationActive={false} />
              <Bar dataKey="p90" fill="#c4a000" isAnimationActive={false} />
              <Bar dataKey="p99" fill="#cc0000" isAnimationActive={false} />
            </BarChart>
          </figure>
        );
      })}
    </>
  );
}
