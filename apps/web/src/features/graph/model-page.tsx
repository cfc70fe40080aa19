/**
 * The model page (`#/models/:modelId`): the model's status, then its graph view, inspector and pruning mode. Data
 * comes through TanStack Query; when mounted without a QueryClientProvider above it (a bare shell), the page brings
 * its own client so it still works.
 */
import { QueryClient, QueryClientContext, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useContext, useState, type JSX } from 'react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { modelQueries } from './api.ts';
import { compact } from './format.ts';
import { GraphWorkspace } from './graph-workspace.tsx';

/** Props the app shell passes to the model page. @public */
export interface ModelPageProps {
  readonly modelId: string;
}

/** @public */
export function ModelPage(props: ModelPageProps): JSX.Element {
  const shared = useContext(QueryClientContext);
  return shared === undefined ? <OwnQueryClient {...props} /> : <ModelPageBody {...props} />;
}

function OwnQueryClient(props: ModelPageProps): JSX.Element {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <ModelPageBody {...props} />
    </QueryClientProvider>
  );
}

function ModelPageBody({ modelId }: ModelPageProps): JSX.Element {
  const model = useQuery({
    ...modelQueries.model(modelId),
    // Poll only while the analyze job is still validating the upload.
    refetchInterval: (query) => (query.state.data?.status === 'validating' ? 1000 : false),
  });
  const ready = model.data?.status === 'ready';
  const graph = useQuery({ ...modelQueries.graph(modelId), enabled: ready });
  const groups = useQuery({ ...modelQueries.groups(modelId), enabled: ready });

  let content: JSX.Element;
  if (model.isError) content = <p role="alert" className="wg-error">Cannot load the model: {model.error.message}</p>;
  else if (model.data === undefined) content = <p role="status">Loading the model…</p>;
  else if (model.data.status === 'validating') content = <p role="status">Analysing the model… the graph appears when the analyze job finishes.</p>;
  else if (model.data.status === 'failed') content = <p role="alert" className="wg-error">The model could not be analysed: {model.data.error?.message ?? 'unknown error'}</p>;
  else if (graph.isError) content = <p role="alert" className="wg-error">Cannot load the graph: {graph.error.message}</p>;
  else if (graph.data === undefined) {
    content = (
      <div className="wg-canvas" data-testid="graph-canvas" data-state="loading">
        <p role="status">Loading the graph…</p>
      </div>
    );
  } else content = <GraphWorkspace model={model.data} graph={graph.data} groups={groups.data} />;

  const summary = graph.data?.summary;
  return (
    <div className="wg-page" data-testid="model-page">
      <header className="wg-page-header">
        <h1>{model.data?.name ?? 'Model'}</h1>
        {summary !== undefined && (
          <p className="wg-muted" data-testid="model-summary">
            {summary.nodeCount.toLocaleString('en-US')} nodes · {compact(summary.params)} params · {compact(summary.macs.total ?? summary.macs.known)}
            {summary.macs.total === null ? '+' : ''} MACs (static estimates)
          </p>
        )}
        {groups.isError && <p role="alert" className="wg-error">Dependency groups are unavailable: {groups.error.message}</p>}
      </header>
      {content}
    </div>
  );
}
