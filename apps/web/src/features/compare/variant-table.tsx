/**
 * The sortable comparison table. Every figure says what it is: params and MACs are static estimates, file size and
 * latencies are measured (latencies per device, with the device's label in the header).
 */
import { useState, type JSX } from 'react';
import { formatBytes, formatCount, formatMs } from './format.ts';
import { nextSort, sortRows, type SortKey, type SortState } from './sort-rows.ts';
import type { Comparison } from './variant-rows.ts';
import { VariantDownloads } from './variant-downloads.tsx';

interface HeaderProps {
  readonly label: string;
  readonly kind?: 'estimate' | 'measured';
  readonly sortKey: SortKey;
  readonly sort: SortState;
  readonly onSort: (key: SortKey) => void;
}

function SortHeader({ label, kind, sortKey, sort, onSort }: HeaderProps): JSX.Element {
  const active = sort.key === sortKey;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="compare-sort" onClick={() => { onSort(sortKey); }}>
        {label}
        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
      {kind !== undefined && <span className={`compare-tag compare-tag-${kind}`}>{kind}</span>}
    </th>
  );
}

/** Props of {@link VariantTable}. */
export interface VariantTableProps {
  readonly comparison: Comparison;
}

/** @public */
export function VariantTable({ comparison }: VariantTableProps): JSX.Element {
  const [sort, setSort] = useState<SortState>({ key: 'step', direction: 'asc' });
  const onSort = (key: SortKey): void => {
    setSort((current) => nextSort(current, key));
  };
  const rows = sortRows(comparison.rows, sort);
  return (
    <div className="compare-table-wrap">
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <SortHeader label="Variant" sortKey="name" sort={sort} onSort={onSort} />
            <SortHeader label="Step" sortKey="step" sort={sort} onSort={onSort} />
            <th scope="col">Parent</th>
            <SortHeader label="Params" kind="estimate" sortKey="params" sort={sort} onSort={onSort} />
            <SortHeader label="MACs" kind="estimate" sortKey="macs" sort={sort} onSort={onSort} />
            <SortHeader label="File size" kind="measured" sortKey="fileBytes" sort={sort} onSort={onSort} />
            <th scope="col" title="Accuracy or fidelity arrives with evaluation (W6)">Fidelity</th>
            {comparison.devices.map((d) => (
              <SortHeader key={`p50:${d.key}`} label={`p50 · ${d.key}`} kind="measured" sortKey={`p50:${d.key}`} sort={sort} onSort={onSort} />
            ))}
            {comparison.devices.map((d) => (
              <SortHeader key={`p99:${d.key}`} label={`p99 · ${d.key}`} kind="measured" sortKey={`p99:${d.key}`} sort={sort} onSort={onSort} />
            ))}
            <th scope="col">Downloads</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="compare-row" data-variant-id={row.id}>
              <th scope="row">
                {row.name}
                {row.status !== 'ready' && <span className="compare-status"> ({row.status})</span>}
              </th>
              <td className="num">{row.step}</td>
              <td>{row.parentName ?? '—'}</td>
              <td className="num">{formatCount(row.params)}</td>
              <td className="num">{formatCount(row.macs)}</td>
              <td className="num">{formatBytes(row.fileBytes)}</td>
              <td className="num">{row.fidelity === null ? '—' : row.fidelity.toFixed(3)}</td>
              {comparison.devices.map((d) => (
                <td key={`p50:${d.key}`} className="num" data-testid="latency-p50" data-device={d.key}>
                  {formatMs(row.latency[d.key]?.p50Ms)}
                </td>
              ))}
              {comparison.devices.map((d) => (
                <td key={`p99:${d.key}`} className="num">
                  {formatMs(row.latency[d.key]?.p99Ms)}
                </td>
              ))}
              <td>
                <VariantDownloads variantId={row.id} ready={row.status === 'ready'} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
