/**
 * onnxruntime failures during a benchmark, as the engine reports runtime failures: `ENGINE_ERR_RUNTIME` with ORT's
 * message minus host paths (error messages never carry paths, DESIGN.md §8). The benchmark drives onnxruntime-node
 * directly (it owns the session options it measures), so it repeats the adapter's redaction here.
 */
import { EngineError, EngineErrorCode } from '@whittle/engine';

// The same patterns as `@whittle/engine/ort-node`: absolute paths to source/library/data files, Windows paths, and
// bare C++ source locations. Node names keep their '/' scopes: they have no such extension.
const POSIX_FILE_PATH = /(?:\/[^\s'"/]+)+\.(?:h|hh|hpp|c|cc|cpp|cxx|cu|inc|py|js|mjs|cjs|ts|so|dll|dylib|onnx|ort|bin|data|pb|txt|json)(?:[:(]\d+\)?)?/g;
const WINDOWS_PATH = /[A-Za-z]:\\[^\s'"]*/g;
const SOURCE_LOCATION = /\b[\w.-]+\.(?:h|hh|hpp|c|cc|cpp|cxx|cu|inc):\d+/g;

/** `ENGINE_ERR_RUNTIME` for a failed onnxruntime call (`what`: "session creation", "run"). */
export function runtimeError(what: string, error: unknown): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  const redacted = message.replace(POSIX_FILE_PATH, '<path>').replace(WINDOWS_PATH, '<path>').replace(SOURCE_LOCATION, '<source>');
  return new EngineError(EngineErrorCode.Runtime, `onnxruntime ${what} failed: ${redacted.trim().slice(0, 400)}`);
}
