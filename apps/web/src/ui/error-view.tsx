import type { JSX } from 'react';
import { ApiRequestError } from '../api/client.ts';

/** The API's message and stable code, or a plain message for anything else. @public */
export function describeError(error: unknown): { message: string; code: string | null } {
  if (error instanceof ApiRequestError) return { message: error.message, code: error.code };
  if (error instanceof Error) return { message: error.message, code: null };
  return { message: 'Something went wrong.', code: null };
}

/** Props of {@link ErrorView}. @public */
export interface ErrorViewProps {
  readonly error: unknown;
  readonly title?: string;
  readonly onRetry?: () => void;
}

/** An error state: what failed, the API's message and code, and a retry when there is one. @public */
export function ErrorView({ error, title, onRetry }: ErrorViewProps): JSX.Element {
  const { message, code } = describeError(error);
  return (
    <div className="error-view" role="alert">
      {title !== undefined && <strong>{title}: </strong>}
      <span>{message}</span>
      {code !== null && <code className="error-code">{code}</code>}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
