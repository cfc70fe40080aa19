import { modelAnalysisSchema, type ModelAnalysis } from '@whittle/shared';
import type { ArtifactStore, Model } from '@whittle/store';
import { conflict } from '../http/api-error.ts';

/** An analysis JSON larger than this is refused rather than buffered (graph views of huge models are megabytes). */
const MAX_ANALYSIS_BYTES = 256 * 1024 * 1024;

/**
 * The stored analyses (inspect report, graph view, groups) of ready models, parsed once and kept for a few models:
 * artifacts are content-addressed, so a key's content never changes and the cache needs no invalidation.
 * @public
 */
export class AnalysisCache {
  readonly #entries = new Map<string, Promise<ModelAnalysis>>();

  constructor(
    private readonly store: ArtifactStore,
    private readonly capacity = 8,
  ) {}

  /** The model's analysis; 409 while it is validating or when it failed (with the reason). */
  get(model: Model): Promise<ModelAnalysis> {
    if (model.status === 'validating') throw conflict('The model is still being validated; try again when its analyze job has finished');
    if (model.status === 'failed' || model.analysisKey === null) {
      throw conflict(`The model failed validation: ${model.errorMessage ?? 'no analysis was stored'}`);
    }
    const key = model.analysisKey;
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const loading = this.load(key);
    this.#entries.set(key, loading);
    loading.catch(() => this.#entries.delete(key));
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return loading;
  }

  private async load(key: string): Promise<ModelAnalysis> {
    const bytes = await this.store.readAll(key, { maxBytes: MAX_ANALYSIS_BYTES });
    return modelAnalysisSchema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
  }
}
