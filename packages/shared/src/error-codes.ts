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
} as const;

/** @public */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/**
 * Every code an error body may carry from the API or the engine.
 * @public
 */
export type ErrorCode = ApiErrorCode | EngineErrorCode;

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
