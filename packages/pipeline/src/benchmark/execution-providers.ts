/**
 * Which onnxruntime-node execution providers a benchmark may use. Measurements run on the CPU today (the workers have
 * no accelerator); a provider is offered only when `listSupportedBackends` says this build bundles it, so a CUDA build
 * of onnxruntime-node shows up here without code changes elsewhere.
 */
import * as ort from 'onnxruntime-node';

/** Providers the benchmark knows how to configure, in preference order once one is selectable. */
const KNOWN = ['cpu', 'cuda'] as const;

/** @public */
export type BenchExecutionProvider = (typeof KNOWN)[number];

/** The known providers this onnxruntime-node build bundles (`cpu` always). */
export function bundledExecutionProviders(): BenchExecutionProvider[] {
  const bundled = new Set(ort.listSupportedBackends().filter((b) => b.bundled).map((b) => b.name));
  return KNOWN.filter((p) => p === 'cpu' || bundled.has(p));
}

/** The provider measurements run on. Settings carry no provider choice yet, so this is the CPU. */
export function measuringExecutionProvider(): BenchExecutionProvider {
  return 'cpu';
}
