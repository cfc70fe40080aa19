/**
 * Stable error codes of the pipeline. A coded error means "this input cannot work" (the worker's sandbox maps every
 * `*_ERR_*` code to invalid input, not retried); model problems keep the engine's `ENGINE_ERR_*` codes untouched.
 */

/** @public */
export const PipelineErrorCode = {
  /** A transformed model failed its onnxruntime check (lost an output, changed output dims, turned non-finite). */
  VerifyFailed: 'PIPELINE_ERR_VERIFY_FAILED',
  /** An input has symbolic dims besides the batch axis and no concrete shape was given; sizes are never guessed. */
  InputShapeRequired: 'PIPELINE_ERR_INPUT_SHAPE_REQUIRED',
  /** The step was cancelled through its AbortSignal. */
  Cancelled: 'PIPELINE_ERR_CANCELLED',
  /** Step parameters do not fit the model (input shapes naming unknown inputs, wrong ranks, unfeedable types…). */
  BadInput: 'PIPELINE_ERR_BAD_INPUT',
} as const;

/** @public */
export type PipelineErrorCode = (typeof PipelineErrorCode)[keyof typeof PipelineErrorCode];

/**
 * An expected pipeline failure: a stable code and a message saying what was expected and what was found. Never a
 * host path or a stack trace in the message.
 * @public
 */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** @public */
export function isPipelineError(error: unknown): error is PipelineError {
  return error instanceof PipelineError;
}
