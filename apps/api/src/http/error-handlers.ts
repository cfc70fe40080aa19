import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ArtifactStoreErrorCode, isArtifactStoreError } from '@whittle/store';
import { ApiError, ApiErrorCode, apiErrorBody, isApiError } from './api-error.ts';
import { applySecurityHeaders } from './security-headers.ts';

/** Answers a GET that matched no route, or returns false to fall through to the JSON 404 (the SPA fallback). @public */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * Makes every failure of `app` answer with an {@link ApiErrorBody}: unknown routes `API_ERR_NOT_FOUND`, rejected
 * requests the code of their status, everything else `API_ERR_INTERNAL` with a fixed message. Stack traces and
 * messages of unexpected errors go to the log only.
 * @public
 */
export function installErrorHandlers(app: FastifyInstance, fallback?: NotFoundFallback): void {
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply) === true) return reply;
    return reply.code(404).send(apiErrorBody(ApiErrorCode.NotFound, 'No such route'));
  });
  app.setErrorHandler((error: unknown, request, reply) => sendError(error, request, reply));
}

/**
 * Answers a request that failed before routing (a malformed URL, an over-long parameter). Passed to Fastify as
 * `frameworkErrors`, because those failures bypass hooks and the error handler otherwise.
 * @public
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  applySecurityHeaders(reply);
  void sendError(error, request, reply);
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const failure = toApiError(error);
  if (failure === undefined) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(apiErrorBody(ApiErrorCode.Internal, 'Internal server error'));
  }
  if (failure.statusCode >= 500) request.log.warn({ err: error }, 'dependency unavailable');
  else request.log.info({ code: failure.code, status: failure.statusCode }, 'request refused');
  for (const [name, value] of Object.entries(failure.headers)) reply.header(name, value);
  return reply.code(failure.statusCode).send(apiErrorBody(failure.code, failure.message));
}

/** Codes of the 4xx statuses Fastify and its plugins raise themselves. */
const CODE_BY_STATUS: Readonly<Record<number, ApiErrorCode>> = {
  401: ApiErrorCode.Unauthorized,
  403: ApiErrorCode.Forbidden,
  404: ApiErrorCode.NotFound,
  409: ApiErrorCode.Conflict,
  413: ApiErrorCode.TooLarge,
  415: ApiErrorCode.UnsupportedMedia,
  429: ApiErrorCode.RateLimited,
};

/** Multipart limit errors of @fastify/multipart (catalogue a.1 row 3). */
const TOO_MANY_PARTS = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * The client-facing form of an error, or undefined when it is the server's fault (500). Exported for the upload
 * routes, which map their own failures first.
 * @public
 */
export function toApiError(error: unknown): ApiError | undefined {
  if (isApiError(error)) return error;
  if (isArtifactStoreError(error)) return storeFailure(error.code);
  if (!isRecord(error)) return undefined;
  const code = typeof error.code === 'string' ? error.code : '';
  if (Array.isArray(error.validation)) {
    return new ApiError(400, ApiErrorCode.Validation, validationMessage(error.validation, error.validationContext));
  }
  if (TOO_MANY_PARTS.has(code)) return new ApiError(413, ApiErrorCode.TooManyParts, 'The multipart body has too many parts, files or fields');
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new ApiError(413, ApiErrorCode.TooLarge, 'The file is larger than the limit');
  // A multipart request to a route that takes none, or the reverse: an unsupported body.
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new ApiError(415, ApiErrorCode.UnsupportedMedia, 'Expected a multipart/form-data body');
  const status = clientStatus(error.statusCode);
  if (status === undefined) return undefined;
  return new ApiError(status, CODE_BY_STATUS[status] ?? ApiErrorCode.BadRequest, clientMessage(code, error.message, status));
}

/** Storage failures that are not bugs: a full disk or an unreachable object store. */
function storeFailure(code: ArtifactStoreErrorCode): ApiError | undefined {
  switch (code) {
    case ArtifactStoreErrorCode.NoSpace:
      return new ApiError(507, ApiErrorCode.NoSpace, 'The server is out of storage space');
    case ArtifactStoreErrorCode.Unavailable:
      return new ApiError(503, ApiErrorCode.Unavailable, 'Storage is unavailable; try again later', { 'retry-after': '30' });
    case ArtifactStoreErrorCode.TooLarge:
      return new ApiError(413, ApiErrorCode.TooLarge, 'The content is larger than the limit');
    default:
      return undefined;
  }
}

/** `body/params/ratio: Too big …` for each issue (a few at most): the client learns which field is wrong. */
function validationMessage(issues: unknown[], context: unknown): string {
  const where = typeof context === 'string' ? context : 'request';
  const parts = issues.slice(0, 5).map((issue) => {
    const path = isRecord(issue) && typeof issue.instancePath === 'string' ? issue.instancePath.replace(/\/$/, '') : '';
    const message = isRecord(issue) && typeof issue.message === 'string' ? issue.message : 'is invalid';
    return `${where}${path}: ${message}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `${parts.join('; ')}${more}`;
}

function clientStatus(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

/** Fastify's and its plugins' own 4xx messages describe the request, not the server, so they are safe to pass on. */
function clientMessage(code: string, message: unknown, status: number): string {
  if (code.startsWith('FST_') && typeof message === 'string') return message;
  return STATUS_CODES[status] ?? 'Bad request';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
