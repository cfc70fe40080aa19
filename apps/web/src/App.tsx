import type { JSX } from 'react';

/**
 * The studio's root component. A holding page until the studio issues bring upload, graph view and jobs.
 * @public
 */
export function App(): JSX.Element {
  return (
    <main>
      <h1>Whittle studio — coming soon</h1>
      <p>This build serves the API shell; upload, graph view and jobs arrive with the studio issues.</p>
    </main>
  );
}
