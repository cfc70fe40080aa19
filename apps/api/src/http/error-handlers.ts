import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorCode, apiErrorBody } from './api-error.ts';
import { applySecurityHeaders } from './security-headers.ts';

/**
 * Makes every failure of `app` answer with an {@link ApiErrorBody}: unknown routes get `API_ERR_NOT_FOUND`,
 * malformed requests `API_ERR_BAD_REQUEST`, everything else `API_ERR_INTERNAL` with a fixed message.
 * Stack traces and error messages of unexpected errors go to the log only.
 * @public
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    return reply.code(404).send(apiErrorBody(ApiErrorCode.NotFound, 'No such route'));
  });
  app.setErrorHandler((error: unknown, request, reply) => sendError(error, request, reply));
}

/**
 * Answers a request that failed before routing (a malformed URL, an over-long parameter). Passed to Fastify
 * as `frameworkErrors`, because those failures bypass hooks and the error handler otherwise.
 * @public
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  applySecurityHeaders(reply);
  void sendError(error, request, reply);
}

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = clientStatus(error);
  if (status === undefined) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(apiErrorBody(ApiErrorCode.Internal, 'Internal server error'));
  }
  const code = status === 404 ? ApiErrorCode.NotFound : ApiErrorCode.BadRequest;
  return reply.code(status).send(apiErrorBody(code, clientMessage(error, status)));
}

/** The 4xx status an error carries, or undefined when it is the server's fault. */
function clientStatus(error: unknown): number | undefined {
  const status = isRecord(error) ? error.statusCode : undefined;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

/** Fastify's own 4xx messages describe the request, not the server, so they are safe to pass on. */
function clientMessage(error: unknown, status: number): string {
  if (isRecord(error) && typeof error.code === 'string' && error.code.startsWith('FST_') && typeof error.message === 'string') {
    return error.message;
  }
  return STATUS_CODES[status] ?? 'Bad request';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
