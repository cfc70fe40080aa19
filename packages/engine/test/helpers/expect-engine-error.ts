import { EngineError, type EngineErrorCode } from '../../src/errors.ts';

function check(error: unknown, code: EngineErrorCode): EngineError {
  if (!(error instanceof EngineError)) {
    throw new Error(`Expected an EngineError ${code}; got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}.`);
  }
  if (error.code !== code) throw new Error(`Expected EngineError ${code}; got ${error.code}: ${error.message}`);
  return error;
}

/** Runs `fn`, asserts it throws an EngineError with `code`, and returns the error for further checks. */
export function expectEngineError(fn: () => unknown, code: EngineErrorCode): EngineError {
  try {
    fn();
  } catch (error) {
    return check(error, code);
  }
  throw new Error(`Expected EngineError ${code}; nothing was thrown.`);
}

/** Awaits `promise`, asserts it rejects with an EngineError with `code`, and returns the error. */
export async function expectEngineErrorAsync(promise: Promise<unknown>, code: EngineErrorCode): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    return check(error, code);
  }
  throw new Error(`Expected EngineError ${code}; the promise resolved.`);
}
