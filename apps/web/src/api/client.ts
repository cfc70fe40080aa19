/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, the CSRF header on writes
 * (the API refuses cookie- or loopback-authenticated writes without it), JSON in and out, and errors as
 * {@link ApiRequestError} carrying the API's stable code and message. Responses are parsed with the shared zod
 * schemas by the callers, so a server/client mismatch fails loudly.
 */
import type { z } from 'zod';

/** An error answer of the API (`{ error: { code, message } }`), or a network failure (`code` `NETWORK`). @public */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Request options of {@link apiFetch}. @public */
export interface ApiFetchOptions {
  readonly method?: string;
  /** A JSON value (sent as application/json) or FormData (multipart, for uploads). */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/**
 * The error of a non-2xx answer from its body text (shared with the XHR upload, which has no `Response`).
 * @public
 */
export function apiErrorFromBody(status: number, statusText: string, text: string): ApiRequestError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = typeof body?.error?.code === 'string' ? body.error.code : 'HTTP_ERROR';
    const message = typeof body?.error?.message === 'string' ? body.error.message : `${String(status)} ${statusText}`;
    return new ApiRequestError(status, code, message);
  } catch {
    return new ApiRequestError(status, 'HTTP_ERROR', `${String(status)} ${statusText}`);
  }
}

async function errorOf(response: Response): Promise<ApiRequestError> {
  const text = await response.text().catch(() => '');
  return apiErrorFromBody(response.status, response.statusText, text);
}

/** The header the API requires on cookie- or loopback-authenticated writes. @public */
export const CSRF_HEADER = 'x-whittle-csrf';

/** Sends a request and returns the raw response when it is 2xx. @throws ApiRequestError @public */
export async function apiResponse(path: string, options: ApiFetchOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (WRITE_METHODS.has(method)) headers[CSRF_HEADER] = '1';
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined && { body }), ...(options.signal !== undefined && { signal: options.signal }) });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'NETWORK', 'The studio server cannot be reached.');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** A JSON request whose answer is parsed with `schema`. @throws ApiRequestError, or a zod error on a malformed answer @public */
export async function apiFetch<S extends z.ZodType>(path: string, schema: S, options: ApiFetchOptions = {}): Promise<z.output<S>> {
  const response = await apiResponse(path, options);
  return schema.parse(await response.json());
}
