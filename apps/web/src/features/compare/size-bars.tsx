/** File size per variant (measured: the ONNX bytes on disk). */
import type { JSX } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { VariantRow } from './variant-rows.ts';

/** Props of {@link SizeBars}. */
export interface SizeBarsProps {
  readonly rows: readonly VariantRow[];
}

/** @public */
export function SizeBars({ rows }: SizeBarsProps): JSX.Element {
  const data = rows.map((r) => ({ name: r.name, kib: Math.round((r.fileBytes / 1024) * 10) / 10 }));
  return (
    <figure className="compare-chart" data-testid="chart-size">
      <figcaption>File size, KiB (measured)</figcaption>
      <BarChart width={560} height={280} data={data} margin={{ top: 10, right: 20, bottom: 30, left: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
        <YAxis unit=" KiB" />
        <Tooltip />
        <Bar dataKey="kib" name="file size (KiB)" fill="#3465a4" isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
