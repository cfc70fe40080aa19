/**
 * onnxruntime failures during a benchmark, reported as the engine's adapter reports them: `ENGINE_ERR_RUNTIME` with
 * ORT's message minus host paths (DESIGN.md §8). The benchmark drives onnxruntime-node directly (it owns the session
 * options it measures), so it borrows the adapter's mapping rather than its session wrapper.
 */
export { runtimeError } from '@whittle/engine/ort-node';
