import type { JSX } from 'react';

/** Props the app shell passes to the model page. @public */
export interface ModelPageProps {
  readonly modelId: string;
}

/** Placeholder until the graph view lands. @public */
export function ModelPage({ modelId }: ModelPageProps): JSX.Element {
  return <p data-testid="model-page">Model {modelId}: the graph view arrives with W4.</p>;
}
