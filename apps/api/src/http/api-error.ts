import { ApiErrorCode, type ErrorBody } from '@whittle/shared';

export { ApiErrorCode };

/**
 * The body of every error response: a stable code and a human message, never a stack trace or a server path.
 * @public
 */
export type ApiErrorBody = ErrorBody;

/**
 * Builds an error body.
 * @public
 */
export function apiErrorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

/**
 * An expected failure a route throws: its status, stable code and a message meant for the client. The error handler
 * answers it as it is; anything else thrown is logged and answered with a fixed 500.
 * @public
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers (Retry-After). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** @public */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** 404 for a missing object and for someone else's: the two must be indistinguishable (no existence leak). @public */
export function notFound(what: string): ApiError {
  return new ApiError(404, ApiErrorCode.NotFound, `No such ${what}`);
}

/** 409: the object's state does not allow the request. @public */
export function conflict(message: string): ApiError {
  return new ApiError(409, ApiErrorCode.Conflict, message);
}

/** 400 with the validation code, for checks a schema cannot express. @public */
export function invalid(message: string): ApiError {
  return new ApiError(400, ApiErrorCode.Validation, message);
}
