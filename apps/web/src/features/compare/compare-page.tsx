import type { JSX } from 'react';

/** Props the app shell passes to the comparison page. @public */
export interface ComparePageProps {
  readonly projectId: string;
}

/** Placeholder until the comparison lands. @public */
export function ComparePage({ projectId }: ComparePageProps): JSX.Element {
  return <p data-testid="compare-page">Project {projectId}: the comparison arrives with W4.</p>;
}
