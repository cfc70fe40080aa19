/** Pick a variant and see what its step changed against its parent (from the step's prune report). */
import { useId, useState, type JSX } from 'react';
import { stepChanges } from './step-changes.ts';
import type { VariantRow } from './variant-rows.ts';

/** Props of {@link VariantChanges}. */
export interface VariantChangesProps {
  readonly rows: readonly VariantRow[];
}

/** @public */
export function VariantChanges({ rows }: VariantChangesProps): JSX.Element {
  const derived = rows.filter((r) => r.parentId !== null);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const id = useId();
  const row = derived.find((r) => r.id === chosen) ?? derived[0];
  if (row === undefined) return <p className="compare-empty">Only the original so far: nothing changed yet.</p>;
  const changes = stepChanges(row.report);
  return (
    <div className="compare-changes" data-testid="variant-changes">
      <label htmlFor={id}>Variant </label>
      <select id={id} value={row.id} onChange={(e) => { setChosen(e.target.value); }}>
        {derived.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} (from {r.parentName ?? '—'})
          </option>
        ))}
      </select>
      {changes === undefined ? (
        <p className="compare-empty">This step left no prune report to compare.</p>
      ) : (
        <>
          <p>
            {changes.channelsRemoved} channels removed in {changes.groups.length} groups; {changes.blocksDropped.length} blocks dropped
            {changes.blocksDropped.length > 0 ? ` (${changes.blocksDropped.join(', ')})` : ''}; {changes.nodesTouched.length} nodes rewritten.
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Channels before → after</th>
              </tr>
            </thead>
            <tbody>
              {changes.groups.slice(0, 20).map((g) => (
                <tr key={g.id}>
                  <td>{g.id}</td>
                  <td>
                    {g.before} → {g.after}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {changes.groups.length > 20 && <p>…and {changes.groups.length - 20} more groups.</p>}
        </>
      )}
    </div>
  );
}
