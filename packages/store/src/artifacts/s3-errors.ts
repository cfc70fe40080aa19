import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';

/** What the store was doing, named in error messages. */
export type S3Operation = 'put' | 'get' | 'read' | 'stat' | 'delete' | 'sweep';

/** S3 error codes meaning "this server or these credentials cannot serve us now", whatever their HTTP status. */
const unavailableNames = new Set([
  'AccessDenied',
  'AccountProblem',
  'AllAccessDisabled',
  'CredentialsProviderError',
  'ExpiredToken',
  'InvalidAccessKeyId',
  'InvalidToken',
  // A missing bucket is a deployment fault, not a missing artifact: never report it as STORE_ERR_NOT_FOUND.
  'NoSuchBucket',
  'RequestTimeTooSkewed',
  'RequestTimeout',
  'ServiceUnavailable',
  'SignatureDoesNotMatch',
  'SlowDown',
  'TimeoutError',
]);

/** Socket errors that mean the server could not be reached or dropped us. */
const networkCodes = new Set([
  'EAI_AGAIN',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
]);

/** Whether the service said there is no such object (GetObject's NoSuchKey, HeadObject's body-less 404). */
export function isMissingObject(error: unknown): boolean {
  const name = errorName(error);
  return name === 'NoSuchKey' || name === 'NotFound' || (httpStatus(error) === 404 && name !== 'NoSuchBucket');
}

/** Whether the server does not implement the request (s3rver and some gateways lack ListMultipartUploads). */
export function isNotImplemented(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 501 || status === 405 || errorName(error) === 'NotImplemented';
}

/**
 * Maps an SDK or file-system error to a store error. The message names the operation and the S3 error code, HTTP
 * status or errno code only: never the endpoint, a path or a credential. The original stays in `cause` for server
 * logs and must not be sent to clients.
 */
export function toS3StoreError(error: unknown, operation: S3Operation): ArtifactStoreError {
  if (error instanceof ArtifactStoreError) return error;
  const status = httpStatus(error);
  const name = errorName(error);
  const code = errnoCode(error);
  const detail = describe(status, name, code);
  if (status === 507 || code === 'ENOSPC' || code === 'EDQUOT') {
    return new ArtifactStoreError(ArtifactStoreErrorCode.NoSpace, `The artifact store is out of space (${operation}).`, {
      cause: error,
    });
  }
  if (isUnavailable(error, status, name, code)) {
    return new ArtifactStoreError(ArtifactStoreErrorCode.Unavailable, `The artifact store is unavailable (${operation}: ${detail}).`, {
      cause: error,
    });
  }
  if (isMissingObject(error)) {
    return new ArtifactStoreError(ArtifactStoreErrorCode.NotFound, 'No artifact has this key.', { cause: error });
  }
  return new ArtifactStoreError(ArtifactStoreErrorCode.Io, `The artifact store failed to ${operation} (${detail}).`, {
    cause: error,
  });
}

function isUnavailable(error: unknown, status: number | undefined, name: string | undefined, code: string | undefined): boolean {
  if (name !== undefined && unavailableNames.has(name)) return true;
  if (status !== undefined) return status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;
  if (code !== undefined && networkCodes.has(code)) return true;
  // The SDK stamps `$metadata` on everything that went through its retry loop: no status means no answer at all
  // (refused, reset, TLS failure), after the retries.
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

function describe(status: number | undefined, name: string | undefined, code: string | undefined): string {
  const parts: string[] = [];
  if (status !== undefined) parts.push(`HTTP ${status}`);
  // "Error" and the SDK's "Unknown" (a body-less error response) say nothing.
  if (name !== undefined && name !== 'Error' && name !== 'Unknown') parts.push(name);
  if (code !== undefined && code !== name) parts.push(code);
  return parts.length === 0 ? 'unknown error' : parts.join(' ');
}

function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata: unknown = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('httpStatusCode' in metadata)) return undefined;
  const status = metadata.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The error's name when it looks like an S3 error code; anything else (attacker-shaped text) is dropped. */
function errorName(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  return /^[A-Za-z][A-Za-z0-9.]{0,63}$/.test(error.name) ? error.name : undefined;
}

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
}
