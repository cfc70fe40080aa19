import type { JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { useModels } from '../../api/queries.ts';
import { ErrorView } from '../../ui/error-view.tsx';
import { formatBytes, formatTime } from '../../ui/format.ts';
import { Loading } from '../../ui/loading.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';

/** A project's uploaded models with their validation state; a failed one says why (the engine's code and message). @public */
export function ModelsList({ projectId }: { readonly projectId: string }): JSX.Element {
  const models = useModels(projectId);
  if (models.isPending) return <Loading what="models" />;
  if (models.isError) return <ErrorView error={models.error} title="Models could not be loaded" onRetry={() => void models.refetch()} />;
  if (models.data.length === 0) return <p className="empty">No models yet: drop an ONNX file above.</p>;
  return (
    <table data-testid="models-table">
      <thead>
        <tr>
          <th>Model</th>
          <th>Status</th>
          <th className="num">File size</th>
          <th>Uploaded</th>
        </tr>
      </thead>
      <tbody>
        {models.data.map((model) => (
          <tr key={model.id} data-testid="model-row" data-model-id={model.id} data-status={model.status}>
            <td>{model.status === 'ready' ? <a href={hrefOf({ name: 'model', modelId: model.id })}>{model.name}</a> : model.name}</td>
            <td>
              <StatusBadge status={model.status} />
              {model.status === 'validating' && <span className="hint"> checking the model in a sandbox…</span>}
              {model.error !== null && (
                <div className="field-error">
                  {model.error.message} <code>{model.error.code}</code>
                </div>
              )}
            </td>
            <td className="num">{formatBytes(model.sizeBytes)}</td>
            <td>{formatTime(model.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
