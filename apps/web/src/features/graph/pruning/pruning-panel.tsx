/**
 * Pruning mode's side panel: global ratio and rounding, the chosen group (from a click on a layer or the list),
 * protecting the selected node, and residual blocks to drop whole.
 */
import { useId, type JSX } from 'react';
import type { GroupsReport } from '@whittle/shared';
import { compact } from '../format.ts';
import { GroupDetails } from './group-details.tsx';
import { selectionRemoves } from './importance.ts';
import { ratioOf, type PruneSelection } from './plan.ts';
import { RatioSlider } from './ratio-slider.tsx';

/** @public */
export interface PruningPanelProps {
  readonly report: GroupsReport;
  readonly selection: PruneSelection;
  readonly activeGroupId: string | null;
  readonly highlightedCount: number;
  /** Label of the selected op node, when one is selected. */
  readonly selectedLabel: string | null;
  readonly onSelection: (next: PruneSelection) => void;
  readonly onChooseGroup: (groupId: string | null) => void;
  readonly onShowBlock: (blockId: string) => void;
}

function toggled<T>(set: ReadonlySet<T>, value: T, on: boolean): Set<T> {
  const next = new Set(set);
  if (on) next.add(value);
  else next.delete(value);
  return next;
}

/** @public */
export function PruningPanel(props: PruningPanelProps): JSX.Element {
  const { report, selection, onSelection } = props;
  const group = report.groups.find((g) => g.id === props.activeGroupId);
  const pickId = useId();
  return (
    <section className="wg-panel" aria-label="Pruning" data-testid="pruning-panel">
      <h2>Pruning</h2>
      <p className="wg-muted">
        {report.summary.groups} dependency groups ({report.summary.prunable} prunable, {report.summary.blocked} blocked), {report.summary.blocks} residual
        blocks. Click a Conv, Gemm or MatMul to light up its group.
      </p>
      <RatioSlider label="Global ratio (every prunable group)" value={selection.globalRatio} testId="global-ratio" onChange={(r) => { onSelection({ ...selection, globalRatio: r }); }} />
      <label className="wg-check">
        <input type="checkbox" checked={selection.roundTo8} data-testid="round-to-8" onChange={(e) => { onSelection({ ...selection, roundTo8: e.currentTarget.checked }); }} />
        Keep channel counts at multiples of 8 (roundTo 8)
      </label>
      <label htmlFor={pickId}>Group</label>
      <select
        id={pickId}
        data-testid="group-select"
        value={props.activeGroupId ?? ''}
        onChange={(e) => { props.onChooseGroup(e.currentTarget.value === '' ? null : e.currentTarget.value); }}
      >
        <option value="">(none)</option>
        {report.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.root} · {g.channels} ch{g.prunable ? '' : ' · blocked'}
          </option>
        ))}
      </select>
      {group !== undefined && (
        <GroupDetails
          group={group}
          ratio={ratioOf(selection, group.id)}
          highlightedCount={props.highlightedCount}
          removed={selectionRemoves(report, selection, group.id)}
          onRatio={(r) => { onSelection({ ...selection, groupRatios: new Map(selection.groupRatios).set(group.id, r) }); }}
        />
      )}
      {props.selectedLabel !== null && (
        <label className="wg-check">
          <input
            type="checkbox"
            data-testid="protect-node"
            checked={selection.protect.has(props.selectedLabel)}
            onChange={(e) => { onSelection({ ...selection, protect: toggled(selection.protect, props.selectedLabel ?? '', e.currentTarget.checked) }); }}
          />
          Protect <span className="wg-mono">{props.selectedLabel}</span> (its groups are left as they are)
        </label>
      )}
      <h3>Residual blocks</h3>
      {report.blocks.length === 0 ? (
        <p className="wg-muted">No removable residual blocks.</p>
      ) : (
        <ul className="wg-list" data-testid="residual-blocks">
          {report.blocks.map((b) => (
            <li key={b.id}>
              <label className="wg-check">
                <input type="checkbox" checked={selection.dropBlocks.has(b.id)} onChange={(e) => { onSelection({ ...selection, dropBlocks: toggled(selection.dropBlocks, b.id, e.currentTarget.checked) }); }} />
                Drop <span className="wg-mono">{b.add}</span> ({b.nodes.length} nodes, {compact(b.params)} params est.)
              </label>{' '}
              <button type="button" className="wg-link" onClick={() => { props.onShowBlock(b.id); }}>
                show
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
