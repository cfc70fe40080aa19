/**
 * "Benchmark on this device" (W4 §6): onnxruntime-web in the user's browser, stored next to the server's results.
 */
export { DeviceBenchPanel, type BenchableVariant } from './device-bench-panel.tsx';
export { shapesFromBenchmarks } from './input-shapes.ts';
