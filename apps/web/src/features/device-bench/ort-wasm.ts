/**
 * onnxruntime-web, wasm only (`onnxruntime-web/wasm`: half the download of the default JSEP build and ~6× faster on
 * CPU in Chromium, see platform-facts §2). The runtime's `.mjs` and `.wasm` are emitted by Vite as separate, hashed
 * static files (`?url`) and named in `env.wasm.wasmPaths`: left to itself the bundled build starts its pthread
 * workers from the app's own chunk, which touches `document` and fails inside a worker.
 */
import * as ort from 'onnxruntime-web/wasm';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

let configuredThreads: number | undefined;

/**
 * Configures the runtime once and returns the thread count it runs with. The wasm module reads `numThreads` when it
 * first initializes, so a later, different request keeps the first value (the page must reload to change it). Threads
 * above 1 need `crossOriginIsolated` (SharedArrayBuffer); without it the runtime runs on one.
 */
export function configureOrt(threads: number): number {
  if (configuredThreads !== undefined) return configuredThreads;
  const usable = globalThis.crossOriginIsolated ? Math.max(1, threads) : 1;
  ort.env.wasm.wasmPaths = { mjs: new URL(ortMjsUrl, location.href).href, wasm: new URL(ortWasmUrl, location.href).href };
  ort.env.wasm.numThreads = usable;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = 'error';
  configuredThreads = usable;
  return usable;
}

/** The onnxruntime-web version in the bundle. */
export function ortVersion(): string {
  return ort.env.versions.web ?? ort.env.versions.common;
}

export { ort };
