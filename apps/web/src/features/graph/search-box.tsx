/** Search by node name or op type; Enter or a click on a hit jumps to it (expanding the blocks that hide it). */
import { useId, useMemo, type JSX } from 'react';
import type { GraphIndex } from './graph-index.ts';
import { searchNodes } from './search.ts';

/** @public */
export interface SearchBoxProps {
  readonly index: GraphIndex;
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly onJump: (nodeId: string) => void;
}

/** @public */
export function SearchBox({ index, query, onQuery, onJump }: SearchBoxProps): JSX.Element {
  const id = useId();
  const result = useMemo(() => searchNodes(index, query), [index, query]);
  return (
    <div className="wg-search" role="search">
      <label htmlFor={id} className="wg-visually-hidden">
        Search nodes by name or op type
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search name or op type (Enter jumps)"
        value={query}
        data-testid="graph-search"
        onChange={(e) => { onQuery(e.currentTarget.value); }}
        onKeyDown={(e) => {
          const first = result.hits[0];
          if (e.key === 'Enter' && first !== undefined) onJump(first.id);
          if (e.key === 'Escape') onQuery('');
        }}
      />
      {query.trim() !== '' && (
        <div className="wg-hits" data-testid="search-results">
          <p className="wg-muted">
            {result.total === 0 ? 'No match.' : `${String(result.total)} match${result.total === 1 ? '' : 'es'}${result.total > result.hits.length ? ` (first ${String(result.hits.length)})` : ''}`}
          </p>
          <ul>
            {result.hits.map((node) => (
              <li key={node.id}>
                <button type="button" className="wg-link" data-testid="search-hit" onClick={() => { onJump(node.id); }}>
                  <span className="wg-mono">{node.opType}</span> {node.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
