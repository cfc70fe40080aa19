/**
 * Error codes that cross process boundaries. Codes never change meaning once published: clients key their
 * messages and retries on them. The engine's codes (`ENGINE_ERR_*`) are defined by the engine and re-exported here
 * as a type; the API's codes (`API_ERR_*`) are defined here.
 */
import { z } from 'zod';
import type { EngineErrorCode } from '@whittle/engine';

export type { EngineErrorCode };

/**
 * Stable error codes of the HTTP API.
 * @public
 */
export const ApiErrorCode = {
  /** No such route, or no such object for this user (ownership failures answer 404 too). */
  NotFound: 'API_ERR_NOT_FOUND',
  /** The request is malformed (bad URL, unsupported body, body too large). */
  BadRequest: 'API_ERR_BAD_REQUEST',
  /** The body or query parsed but failed schema validation. */
  Validation: 'API_ERR_VALIDATION',
  /** Anything the server did not expect; details go to the log, never to the client. */
  Internal: 'API_ERR_INTERNAL',
  /** No credentials, or a bad, expired or revoked token (401). */
  Unauthorized: 'API_ERR_UNAUTHORIZED',
  /** Credentials are fine but the request is not allowed (403), e.g. a cookie-authenticated write without the CSRF header. */
  Forbidden: 'API_ERR_FORBIDDEN',
  /** Body, file or part larger than the configured limit (413). */
  TooLarge: 'API_ERR_TOO_LARGE',
  /** Too many parts, files or fields in a multipart body (413). */
  TooManyParts: 'API_ERR_TOO_MANY_PARTS',
  /** Content type not accepted, or an upload that is not an ONNX model (pickle, zip, image…) (415). */
  UnsupportedMedia: 'API_ERR_UNSUPPORTED_MEDIA',
  /** The state of the object does not allow this (409), e.g. retrying a running job, pruning a model still validating. */
  Conflict: 'API_ERR_CONFLICT',
  /** Too many requests from this client (429, with Retry-After). */
  RateLimited: 'API_ERR_RATE_LIMITED',
  /** A dependency (Redis, storage) is down; try again later (503, with Retry-After). */
  Unavailable: 'API_ERR_UNAVAILABLE',
  /** The server's disk is full (507). */
  NoSpace: 'API_ERR_NO_SPACE',
} as const;

/** @public */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/**
 * Why a job failed, when the engine's own code does not say it: the sandboxed task crashed, ran out of memory or time,
 * or the queue lost the job. A job's `error.code` is one of these, an `ENGINE_ERR_*` code, or a worker's
 * `SANDBOX_ERR_*` code.
 * @public
 */
export const JobErrorCode = {
  /** The task's process died (signal or exit) without a result: a crafted model, or a runtime bug. */
  Crashed: 'JOB_ERR_CRASHED',
  /** The task passed its memory cap. */
  OutOfMemory: 'JOB_ERR_OUT_OF_MEMORY',
  /** The task passed its wall-clock limit. */
  Timeout: 'JOB_ERR_TIMEOUT',
  /** Redis lost the job (flush, restart without persistence) and it could not be re-enqueued; resubmit it. */
  QueueStateLost: 'JOB_ERR_QUEUE_STATE_LOST',
  /** The job's source (model or variant) is missing, failed, or not ready. */
  SourceNotReady: 'JOB_ERR_SOURCE_NOT_READY',
  /** Stored parameters no longer parse (e.g. written by another release). */
  BadParams: 'JOB_ERR_BAD_PARAMS',
  /** Storage failed while reading inputs or writing outputs. */
  Storage: 'JOB_ERR_STORAGE',
  /** The user cancelled the job (set by the API; the worker then aborts the task). */
  Cancelled: 'JOB_ERR_CANCELLED',
  /** Anything else; details are in the worker's log. */
  Internal: 'JOB_ERR_INTERNAL',
} as const;

/** @public */
export type JobErrorCode = (typeof JobErrorCode)[keyof typeof JobErrorCode];

/**
 * Every code an error body may carry from the API or the engine.
 * @public
 */
export type ErrorCode = ApiErrorCode | EngineErrorCode | JobErrorCode;

/**
 * Every API error code, for exhaustive tables and documentation.
 * @public
 */
export const API_ERROR_CODES: readonly ApiErrorCode[] = Object.values(ApiErrorCode);

/**
 * The body of every error answer (HTTP responses, `whittle … --json` failures): a stable code and a human message,
 * never a stack trace or a host path. Codes look like `<AREA>_ERR_<NAME>`.
 * @public
 */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[A-Z]+_ERR_[A-Z0-9_]+$/),
        message: z.string(),
      })
      .readonly(),
  })
  .readonly();

/** @public */
export type ErrorBody = z.infer<typeof errorBodySchema>;
