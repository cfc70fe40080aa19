/** A variant's figures: static estimates from the graph, and the file size it was measured at. */
import { computeCost, inferShapes, readModel, type IrModel } from '@whittle/engine';
import { variantMetricsSchema, type VariantMetrics } from '@whittle/shared';
import { checkInputShapes, type InputShapes } from './input-shapes.ts';

const ESTIMATED = ['params', 'macs', 'weightBytes'];
const MEASURED = ['fileBytes'];

/** The metrics of a decoded model whose file has `fileBytes` bytes. MACs are null when symbolic dims leave them unknown. */
export function metricsOf(model: IrModel, fileBytes: number, inputShapes: InputShapes = {}): VariantMetrics {
  const cost = computeCost(model, inferShapes(model, { inputShapes }));
  return variantMetricsSchema.parse({
    params: cost.params,
    macs: cost.macs.total ?? null,
    weightBytes: cost.paramBytes,
    fileBytes,
    estimated: ESTIMATED,
    measured: MEASURED,
  });
}

/**
 * The metrics of the model in `bytes`: params, MACs (null when symbolic dims leave them unknown; give `inputShapes`)
 * and weight bytes are static estimates, the file size is measured.
 * @throws EngineError when the bytes are not a valid model; PipelineError `PIPELINE_ERR_BAD_INPUT` for shapes that do
 * not fit it.
 * @public
 */
export function variantMetrics(bytes: Uint8Array, options: { readonly inputShapes?: InputShapes } = {}): VariantMetrics {
  const model = readModel(bytes);
  const inputShapes = options.inputShapes ?? {};
  checkInputShapes(model, inputShapes);
  return metricsOf(model, bytes.byteLength, inputShapes);
}
