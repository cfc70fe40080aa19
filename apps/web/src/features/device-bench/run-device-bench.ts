/**
 * The whole "benchmark on this device" run: download the variant's ONNX through the API, open an onnxruntime-web
 * session, resolve the fed shapes, measure one series with seeded inputs, and store the results next to the server's
 * (POST /api/variants/:id/benchmarks). Every stage checks the abort signal, and the session is released at the end.
 */
import { benchmarkDtoSchema, type BenchmarkDto } from '@whittle/shared';
import { apiFetch, apiResponse } from '../../api/client.ts';
import { BROWSER_RUNTIME, buildBrowserResults } from './build-results.ts';
import { resolveShapes, type DeclaredInput, type ShapeMap } from './input-shapes.ts';
import { measureSeries, type SeriesSettings } from './measure-series.ts';
import { configureOrt, ort, ortVersion } from './ort-wasm.ts';
import { isFeedType, seededData } from './seeded-data.ts';

/** What the user asked for. */
export interface DeviceBenchRequest {
  readonly variantId: string;
  readonly deviceLabel: string;
  readonly shapes: ShapeMap;
  readonly threads: number;
  readonly seed: number;
  readonly settings: SeriesSettings;
}

/** Where the run is, for the progress bar. */
export type DeviceBenchProgress =
  | { readonly stage: 'download' | 'session' | 'save' }
  | { readonly stage: 'measure'; readonly done: number; readonly planned: number };

/** A per-input seed, so each input draws its own stream whatever the input order (FNV-1a of seed and name). */
function inputSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${String(seed)}:${name}`) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return hash >>> 0;
}

function declaredInputs(session: ort.InferenceSession): DeclaredInput[] {
  return session.inputMetadata.map((m) => ({ name: m.name, shape: m.isTensor ? [...m.shape] : [] }));
}

function feedsOf(session: ort.InferenceSession, shapes: ShapeMap, seed: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const meta of session.inputMetadata) {
    const dims = shapes[meta.name];
    if (!meta.isTensor || dims === undefined) throw new Error(`Input ${meta.name} is not a tensor this benchmark can feed.`);
    if (!isFeedType(meta.type)) throw new Error(`Input ${meta.name} has type ${meta.type}, which the in-browser benchmark cannot feed yet.`);
    const count = dims.reduce((a, b) => a * b, 1);
    feeds[meta.name] = new ort.Tensor(meta.type, seededData(meta.type, count, inputSeed(seed, meta.name)), [...dims]);
  }
  return feeds;
}

/**
 * Runs the benchmark and resolves the stored benchmark.
 * @throws ApiRequestError (download or save), Error (a shape the model rejects, a runtime failure), or the abort reason
 */
export async function runDeviceBench(request: DeviceBenchRequest, signal: AbortSignal, onProgress: (p: DeviceBenchProgress) => void): Promise<BenchmarkDto> {
  const threads = configureOrt(request.threads);
  onProgress({ stage: 'download' });
  const response = await apiResponse(`/api/variants/${encodeURIComponent(request.variantId)}/model`, { signal });
  const bytes = new Uint8Array(await response.arrayBuffer());
  signal.throwIfAborted();

  onProgress({ stage: 'session' });
  const createStart = performance.now();
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  const sessionCreateMs = performance.now() - createStart;
  try {
    const resolved = resolveShapes(declaredInputs(session), request.shapes);
    if (!resolved.ok) throw new Error(resolved.problems.join(' '));
    const feeds = feedsOf(session, resolved.shapes, request.seed);
    const samples = await measureSeries(request.settings, {
      run: () => session.run(feeds),
      now: () => performance.now(),
      signal,
      onRun: (done, planned) => {
        onProgress({ stage: 'measure', done, planned });
      },
    });
    const results = buildBrowserResults(samples, {
      runtimeVersion: ortVersion(),
      executionProvider: 'wasm',
      logicalCores: navigator.hardwareConcurrency,
      threads,
      sessionCreateMs,
      warmupRuns: request.settings.warmupRuns,
      inputs: resolved.shapes,
      crossOriginIsolated: globalThis.crossOriginIsolated,
    });
    onProgress({ stage: 'save' });
    return await apiFetch(`/api/variants/${encodeURIComponent(request.variantId)}/benchmarks`, benchmarkDtoSchema, {
      method: 'POST',
      body: { device: request.deviceLabel, runtime: BROWSER_RUNTIME, results },
      signal,
    });
  } finally {
    await session.release();
  }
}
