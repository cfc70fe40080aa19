/**
 * The chosen dependency group: why it is blocked, or its ratio; and every member with its channel axis (a Conv's
 * output channels are axis 1 of its output and axis 0 of its weight; the next Conv's input channels are axis 1 of
 * its weight); for a prunable group, its channel importance bars with the channels the ratio removes.
 */
import type { JSX } from 'react';
import type { GroupRow } from './groups-index.ts';
import { ImportanceBars } from './importance-bars.tsx';
import { RatioSlider } from './ratio-slider.tsx';

/** @public */
export interface GroupDetailsProps {
  readonly group: GroupRow;
  readonly ratio: number;
  readonly highlightedCount: number;
  /** Channels the current selection removes from this group (see `selectionRemoves`). */
  readonly removed: ReadonlySet<number>;
  readonly onRatio: (ratio: number) => void;
}

const SIDE: Readonly<Record<GroupRow['members'][number]['side'], string>> = { in: 'input', out: 'output', param: 'weight' };

/** @public */
export function GroupDetails({ group, ratio, highlightedCount, removed, onRatio }: GroupDetailsProps): JSX.Element {
  return (
    <div data-testid="group-details" data-group-id={group.id}>
      <h3 className="wg-mono">{group.id}</h3>
      <p>
        Root <span className="wg-mono">{group.root}</span>, {group.channels} channels; pruning it changes {group.nodes.length} nodes —{' '}
        <span data-testid="group-highlight-count">{highlightedCount}</span> highlighted on the graph.
      </p>
      {group.prunable ? (
        <RatioSlider label="Ratio for this group" value={ratio} testId="group-ratio" onChange={onRatio} />
      ) : (
        <div className="wg-warning" role="note" data-testid="group-blocked">
          <strong>Not prunable:</strong>
          <ul>
            {group.blockedBy.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {group.importance !== undefined ? (
        <ImportanceBars importance={group.importance} removed={removed} />
      ) : (
        group.prunable && (
          <p className="wg-muted" data-testid="importance-missing">
            This analysis has no channel importance scores (it predates them); the prune job ranks channels by L1 weight norm by default.
          </p>
        )
      )}
      <table className="wg-table" data-testid="group-members">
        <thead>
          <tr>
            <th>Node</th>
            <th>Side</th>
            <th>Value</th>
            <th>Axis</th>
          </tr>
        </thead>
        <tbody>
          {group.members.map((m) => (
            <tr key={`${m.node}|${m.side}|${m.value}|${String(m.axis)}`}>
              <td className="wg-mono">{m.node === '' ? '(graph input)' : m.node}</td>
              <td>{SIDE[m.side]}</td>
              <td className="wg-mono">{m.value}</td>
              <td>{m.axis}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
