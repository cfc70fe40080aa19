import { EngineErrorCode, isEngineError, type EngineError } from '@whittle/engine';
import { ArtifactStoreErrorCode, isArtifactStoreError } from '@whittle/store';
import { ApiError, ApiErrorCode, isApiError } from '../http/api-error.ts';
import { toApiError } from '../http/error-handlers.ts';

/** NPY problems that mean "another format" (415) rather than "a broken file" (400) or "too big" (413). */
const UNSUPPORTED_DATA = new Set<string>([
  EngineErrorCode.DataNotNpy,
  EngineErrorCode.DataVersion,
  EngineErrorCode.DataDtype,
  EngineErrorCode.DataBigEndian,
  EngineErrorCode.DataFortranOrder,
]);

function engineFailure(error: EngineError): ApiError {
  if (error.code === EngineErrorCode.NotOnnx || error.code === EngineErrorCode.EmptyFile || UNSUPPORTED_DATA.has(error.code)) {
    return new ApiError(415, ApiErrorCode.UnsupportedMedia, error.message);
  }
  if (error.code === EngineErrorCode.DataTooLarge) return new ApiError(413, ApiErrorCode.TooLarge, error.message);
  return new ApiError(400, ApiErrorCode.BadRequest, error.message);
}

/**
 * What a failed upload answers. The store wraps what our part source threw (`STORE_ERR_SOURCE`); underneath are our
 * own refusals, the engine's sniffing verdicts, @fastify/multipart's limit errors and busboy's parse errors (plain
 * errors about the body, answered 400). Anything else is left for the error handler (500).
 * @public
 */
export function uploadFailure(error: unknown, limitBytes: number): unknown {
  const cause =
    isArtifactStoreError(error) && error.code === ArtifactStoreErrorCode.Source && error.cause !== undefined ? error.cause : error;
  if (isApiError(cause)) return cause;
  if (isEngineError(cause)) return engineFailure(cause);
  if (isArtifactStoreError(cause)) {
    if (cause.code === ArtifactStoreErrorCode.TooLarge) return tooLarge(limitBytes);
    if (cause.code === ArtifactStoreErrorCode.Aborted) return new ApiError(400, ApiErrorCode.BadRequest, 'The client stopped the upload');
    return cause;
  }
  const mapped = toApiError(cause);
  if (mapped?.code === ApiErrorCode.TooLarge) return tooLarge(limitBytes);
  if (mapped !== undefined) return mapped;
  // busboy's own errors ("Unexpected end of form", "Malformed part header") carry no code: the body is malformed.
  if (cause instanceof Error && !('code' in cause)) {
    return new ApiError(400, ApiErrorCode.BadRequest, `Malformed multipart body: ${cause.message.slice(0, 200)}`);
  }
  return cause;
}

/** 413 naming the limit in MiB. @public */
export function tooLarge(limitBytes: number): ApiError {
  const mib = limitBytes / (1024 * 1024);
  const limit = mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${limitBytes} bytes`;
  return new ApiError(413, ApiErrorCode.TooLarge, `The upload is larger than the limit of ${limit}`);
}
