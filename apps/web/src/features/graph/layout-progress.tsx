/** The visible progress state of a running layout: what is being laid out, for how long, and a way to stop it. */
import { useEffect, useState, type JSX } from 'react';

/** @public */
export interface LayoutProgressProps {
  readonly startedAt: number;
  readonly items: number;
  readonly edges: number;
  readonly onCancel: () => void;
}

/** ELK reports no progress of its own, so the overlay shows the size of the job and the time spent on it. @public */
export function LayoutProgress({ startedAt, items, edges, onCancel }: LayoutProgressProps): JSX.Element {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => { setNow(performance.now()); }, 250);
    return () => { clearInterval(timer); };
  }, []);
  return (
    <div className="wg-overlay" role="status" aria-live="polite" data-testid="layout-progress">
      <div className="wg-spinner" aria-hidden="true" />
      <p>
        Laying out {items.toLocaleString()} boxes and {edges.toLocaleString()} edges in the background… {((now - startedAt) / 1000).toFixed(1)} s
      </p>
      <button type="button" onClick={onCancel} data-testid="layout-cancel">
        Cancel layout
      </button>
    </div>
  );
}
