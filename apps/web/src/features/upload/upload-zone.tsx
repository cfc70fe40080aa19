import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type DragEvent, type JSX } from 'react';
import { queryKeys } from '../../api/keys.ts';
import { uploadModel, type UploadHandle, type UploadProgress } from '../../api/upload-model.ts';
import { ErrorView } from '../../ui/error-view.tsx';
import { formatBytes } from '../../ui/format.ts';
import { ProgressBar } from '../../ui/progress-bar.tsx';

type UploadState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'uploading'; readonly fileName: string; readonly progress: UploadProgress | null; readonly handle: UploadHandle }
  | { readonly phase: 'done'; readonly fileName: string }
  | { readonly phase: 'cancelled'; readonly fileName: string }
  | { readonly phase: 'failed'; readonly fileName: string; readonly error: unknown };

/**
 * Drop an ONNX file or pick one; the upload shows real progress and can be cancelled. After the API accepts it (202)
 * the model is listed as validating and its analyze job appears; the lists refresh until it is ready or failed.
 * The file input keeps `data-testid="model-upload"` for anyone who scripts the studio.
 * @public
 */
export function UploadZone({ projectId }: { readonly projectId: string }): JSX.Element {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const current = useRef<UploadHandle | null>(null);

  // Leaving the page stops an upload in flight rather than finishing it unseen.
  useEffect(
    () => () => {
      current.current?.abort();
    },
    [],
  );

  function start(file: File): void {
    if (current.current !== null) return;
    const handle = uploadModel(projectId, file, (progress) => {
      setState((before) => (before.phase === 'uploading' && before.handle === handle ? { ...before, progress } : before));
    });
    current.current = handle;
    setState({ phase: 'uploading', fileName: file.name, progress: null, handle });
    handle.done.then(
      (answer) => {
        setState({ phase: 'done', fileName: file.name });
        // Seen queued here, so the job watcher notices when it ends even if it ends before the lists refresh.
        queryClient.setQueryData(queryKeys.job(answer.job.id), answer.job);
        void queryClient.invalidateQueries({ queryKey: queryKeys.models(projectId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.jobs(projectId) });
      },
      (error: unknown) => {
        const cancelled = error instanceof DOMException && error.name === 'AbortError';
        setState(cancelled ? { phase: 'cancelled', fileName: file.name } : { phase: 'failed', fileName: file.name, error });
      },
    ).finally(() => {
      current.current = null;
      if (inputRef.current !== null) inputRef.current.value = '';
    });
  }

  function onDrop(event: DragEvent<HTMLDivElement>): void {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) start(file);
  }

  const busy = state.phase === 'uploading';
  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      data-testid="upload-zone"
      data-phase={state.phase}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => { setDragging(false); }}
      onDrop={onDrop}
    >
      <p>
        Drop an ONNX model here, or <label htmlFor={inputId}>choose a file</label>.
      </p>
      <input
        id={inputId}
        ref={inputRef}
        className="visually-hidden"
        type="file"
        accept=".onnx,application/octet-stream"
        data-testid="model-upload"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file !== undefined) start(file);
        }}
      />
      {state.phase === 'uploading' && (
        <div className="upload-status">
          <span>Uploading {state.fileName}</span>
          <ProgressBar value={state.progress === null ? 0 : state.progress.loaded / Math.max(1, state.progress.total)} label={`Upload of ${state.fileName}`} testId="upload-progress" />
          {state.progress !== null && (
            <span className="hint">
              {formatBytes(state.progress.loaded)} of {formatBytes(state.progress.total)}
            </span>
          )}
          <button type="button" className="danger" onClick={() => { state.handle.abort(); }}>
            Cancel upload
          </button>
        </div>
      )}
      {state.phase === 'done' && (
        <p className="upload-status" role="status">
          Uploaded {state.fileName}: the model is being validated.
        </p>
      )}
      {state.phase === 'cancelled' && (
        <p className="upload-status" role="status">
          Upload of {state.fileName} cancelled; nothing was kept.
        </p>
      )}
      {state.phase === 'failed' && <ErrorView error={state.error} title={`Upload of ${state.fileName} failed`} />}
    </div>
  );
}
