import type { FastifyInstance } from 'fastify';
import { ApiError, ApiErrorCode } from './api-error.ts';

/**
 * `application/json`, any case, optionally followed by parameters (`; charset=utf-8`) — and nothing else: no leading
 * space, no tab or text after the type (catalogue a.1 row 8: CVE-2025-32442, CVE-2026-25223, CVE-2026-33806).
 */
const JSON_MEDIA_TYPE = /^application\/json[ \t]*(?:;.*)?$/i;

/** Whether a Content-Type header is exactly the JSON media type. @public */
export function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPE.test(contentType);
}

/**
 * Makes JSON the only body `app` parses. Fastify's defaults (text/plain among them) go: a cross-site form or
 * `text/plain` fetch carrying JSON cannot reach a route (catalogue a.1 row 9, CVE-2022-41919), it gets 415. The
 * content type is re-checked against the raw header, so a parser match on a sloppy header cannot slip through, and
 * prototype poisoning (`__proto__`, `constructor.prototype`) is refused (row 10). Upload routes add their multipart
 * parser in their own encapsulated context.
 * @public
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (!isJsonMediaType(request.headers['content-type'])) {
      done(new ApiError(415, ApiErrorCode.UnsupportedMedia, 'JSON bodies must be sent as Content-Type: application/json'), undefined);
      return;
    }
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // A body-less POST (cancel, retry) may still carry the JSON content type; it has no body, not an invalid one.
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parse(request, text, (error, value) => {
      if (error === null) {
        done(null, value);
        return;
      }
      // The default parser hides why it failed: valid JSON it refused carries a poisoning key.
      const poisoned = isValidJson(text);
      done(
        new ApiError(400, ApiErrorCode.BadRequest, poisoned ? 'The JSON body contains a forbidden __proto__ or constructor.prototype key' : 'The body is not valid JSON'),
        undefined,
      );
    });
  });
}

function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
