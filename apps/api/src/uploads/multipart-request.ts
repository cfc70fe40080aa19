import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';

/** RFC 2046 §5.1.1: 1–70 characters, the last not a space. Oversized boundaries sent busboy into CPU loops (CVE-2026-19484). */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return match === null ? undefined : (match[1] ?? match[2]);
}

/**
 * Refuses, before a byte of the body is read, what is not a well-formed multipart upload: another content type
 * (415) or a missing or over-long boundary (400, catalogue a.1 row 4).
 * @public
 */
export function assertMultipartUpload(request: FastifyRequest, expected: string): void {
  if (!request.isMultipart()) {
    throw new ApiError(415, ApiErrorCode.UnsupportedMedia, `Expected a multipart/form-data body with ${expected}`);
  }
  const boundary = boundaryOf(request.headers['content-type']);
  if (boundary === undefined || !BOUNDARY.test(boundary)) {
    throw new ApiError(400, ApiErrorCode.BadRequest, 'The multipart boundary is missing or longer than 70 characters');
  }
}

/**
 * An AbortSignal that fires when the client goes away before the response is written, so a put in progress stops and
 * removes its temp file (catalogue a.1 row 6).
 * @public
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
}

/**
 * In the upload routes' context: a refused upload (401, 404, 413, 415…) whose body was not read to its end closes the
 * connection after the answer, so the rest of a large body is neither read nor left to jam a keep-alive connection.
 * @public
 */
export function closeUnreadRefusals(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && !request.raw.complete) reply.header('connection', 'close');
    done(null, payload);
  });
}
