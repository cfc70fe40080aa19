import type { JSX } from 'react';

/** A loading state that says what is loading. @public */
export function Loading({ what }: { readonly what: string }): JSX.Element {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
