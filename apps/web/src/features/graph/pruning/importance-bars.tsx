/**
 * The chosen group's channel importance as bars (L1 weight norm, normalized per group), with the channels the
 * current ratio removes marked. Bar heights are React style props (the CSP allows them; inline <style> is not).
 */
import { useState, type JSX } from 'react';
import type { ChannelImportance } from '@whittle/shared';
import { importanceBars, type BarOrder } from './importance.ts';

/** @public */
export interface ImportanceBarsProps {
  readonly importance: ChannelImportance;
  readonly removed: ReadonlySet<number>;
}

/** @public */
export function ImportanceBars({ importance, removed }: ImportanceBarsProps): JSX.Element {
  const [order, setOrder] = useState<BarOrder>('sorted');
  const bars = importanceBars(importance, removed, order);
  return (
    <figure className="wg-importance" data-testid="importance">
      <figcaption>
        Channel importance: L1 weight norm, normalized (largest = 1). <span data-testid="importance-removed">{removed.size}</span> of {bars.length}{' '}
        channels removed at this ratio (lowest first
        {importance.parts === undefined ? '' : `, per source layer (${String(importance.parts.length)})`}).{' '}
        <button type="button" className="wg-link" data-testid="importance-order" onClick={() => { setOrder(order === 'sorted' ? 'index' : 'sorted'); }}>
          {order === 'sorted' ? 'show by channel index' : 'show sorted by score'}
        </button>
      </figcaption>
      <div className="wg-bars" role="img" aria-label={`${String(bars.length)} channel importance bars, ${order === 'sorted' ? 'lowest first' : 'by channel index'}`}>
        {bars.map((b) => (
          <div
            key={b.channel}
            className={b.removed ? 'wg-bar is-removed' : 'wg-bar'}
            data-testid="importance-bar"
            data-channel={b.channel}
            data-removed={b.removed}
            title={`channel ${String(b.channel)}: ${b.score.toFixed(3)}${b.removed ? ' (removed)' : ''}`}
            style={{ height: `${(b.score * 100).toFixed(1)}%` }}
          />
        ))}
      </div>
    </figure>
  );
}
