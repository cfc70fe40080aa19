import type { JSX } from 'react';

/** A status word as a coloured badge (CSS class `badge-<status>`); `title` carries details such as a failure reason. @public */
export function StatusBadge({ status, title }: { readonly status: string; readonly title?: string }): JSX.Element {
  return (
    <span className={`badge badge-${status}`} data-status={status} title={title}>
      {status}
    </span>
  );
}
