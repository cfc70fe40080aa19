/**
 * The variant comparison (DESIGN.md §6 step 6): the table, the charts, and "benchmark on this device". Every figure is
 * labelled estimate or measured; latencies are per device, and a browser run becomes its own device.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState, type JSX } from 'react';
import { DeviceBenchPanel, shapesFromBenchmarks } from '../device-bench/index.ts';
import { LatencySizeChart } from './latency-size-chart.tsx';
import { PercentileBars } from './percentile-bars.tsx';
import { SizeBars } from './size-bars.tsx';
import { SpeedupChart } from './speedup-chart.tsx';
import { useComparison, compareKeys } from './use-comparison.ts';
import { busiestDevice } from './variant-rows.ts';
import { VariantChanges } from './variant-changes.tsx';
import { VariantTable } from './variant-table.tsx';
import './compare.css';

/** Props the app shell passes to the comparison page. @public */
export interface ComparePageProps {
  readonly projectId: string;
}

/** @public */
export function ComparePage({ projectId }: ComparePageProps): JSX.Element {
  const { comparison, benchmarks, isPending, error } = useComparison(projectId);
  const queryClient = useQueryClient();
  const [chosenDevice, setChosenDevice] = useState<string | undefined>(undefined);
  const onSaved = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: compareKeys.benchmarks(projectId) });
  }, [queryClient, projectId]);

  if (isPending) return <p data-testid="compare-page" data-state="loading">Loading the variants…</p>;
  if (error !== null || comparison === undefined) {
    return (
      <p data-testid="compare-page" data-state="error" role="alert">
        Could not load the comparison: {error?.message ?? 'unknown error'}
      </p>
    );
  }
  if (comparison.rows.length === 0) {
    return (
      <p data-testid="compare-page" data-state="empty">
        No variants yet: upload a model to this project, then prune it to have something to compare.
      </p>
    );
  }
  const deviceKey = comparison.devices.some((d) => d.key === chosenDevice) ? chosenDevice : busiestDevice(comparison)?.key;
  const defaultShapes = (variantId: string): ReturnType<typeof shapesFromBenchmarks> => {
    const own = shapesFromBenchmarks(benchmarks.filter((b) => b.variantId === variantId));
    return Object.keys(own).length > 0 ? own : shapesFromBenchmarks(benchmarks);
  };

  return (
    <section className="compare-page" data-testid="compare-page" data-state="ready" aria-labelledby="compare-title">
      <h2 id="compare-title">Compare variants</h2>
      <VariantTable comparison={comparison} />

      <h3>Charts</h3>
      {comparison.devices.length > 0 && (
        <label className="compare-device-pick">
          Device for latency charts{' '}
          <select value={deviceKey} onChange={(e) => { setChosenDevice(e.target.value); }} data-testid="compare-device">
            {comparison.devices.map((d) => (
              <option key={d.key} value={d.key}>
                {d.key}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="compare-charts">
        {deviceKey === undefined ? (
          <p className="compare-empty">No benchmarks yet: run a benchmark job, or benchmark on this device below.</p>
        ) : (
          <LatencySizeChart rows={comparison.rows} deviceKey={deviceKey} />
        )}
        <SizeBars rows={comparison.rows} />
        <SpeedupChart rows={comparison.rows} deviceKey={deviceKey} />
        <PercentileBars rows={comparison.rows} devices={comparison.devices} />
      </div>

      <h3>What a step changed</h3>
      <VariantChanges rows={comparison.rows} />

      <h3>On this device</h3>
      <DeviceBenchPanel variants={comparison.rows.map((r) => ({ id: r.id, name: r.name, ready: r.status === 'ready' }))} defaultShapes={defaultShapes} onSaved={onSaved} />
    </section>
  );
}
