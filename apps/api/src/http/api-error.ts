/**
 * Stable error codes of the HTTP API. A code never changes meaning once published.
 * (These move to `@whittle/shared` when the first shared API schemas land.)
 * @public
 */
export const ApiErrorCode = {
  /** No route matches the method and path. */
  NotFound: 'API_ERR_NOT_FOUND',
  /** The request is malformed (bad URL, unsupported body, body too large). */
  BadRequest: 'API_ERR_BAD_REQUEST',
  /** Anything the server did not expect; details go to the log, never to the client. */
  Internal: 'API_ERR_INTERNAL',
} as const;

/** @public */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/**
 * The body of every error response: a stable code and a human message, never a stack trace or a server path.
 * @public
 */
export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string };
}

/**
 * Builds an error body.
 * @public
 */
export function apiErrorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}
