/** The last gate of a transform: shapes re-infer with no new issues and the structure validates. */
import { EngineError, EngineErrorCode } from '../errors.ts';
import type { Dim, IrModel } from '../ir/types.ts';
import { inferShapes, type ShapeInferenceDetail } from '../shape/infer.ts';
import type { ShapeInferenceResult, ShapeIssue } from '../shape/types.ts';
import { checkModel } from '../validate/check-model.ts';
import { resolveLimits } from '../validate/limits.ts';

/**
 * Shapes of the computed graph inputs of `model` as `shapes` knows them (so a result is inferred alike).
 * @internal
 */
export function inputShapesOf(model: IrModel, shapes: ShapeInferenceResult): Record<string, readonly Dim[]> {
  const initializers = new Set(model.graph.initializers.map((t) => t.name));
  const out: Record<string, readonly Dim[]> = {};
  for (const input of model.graph.inputs) {
    const shape = shapes.values.get(input.name)?.shape;
    if (!initializers.has(input.name) && shape !== undefined) out[input.name] = shape;
  }
  return out;
}

const issueKey = (i: ShapeIssue): string => `${i.node}\u0000${i.code}`;

/**
 * Re-infers `result` with the input shapes `originalShapes` had, and validates its structure.
 *
 * Pre-conditions: `result` was derived from `original` (same graph inputs); `originalShapes` describes `original`.
 * Post-conditions: returns the result's shapes. A node of the result that fails inference where the original did not
 * (same label and issue code) means the transform broke the model.
 * @throws EngineError `ENGINE_ERR_SHAPE_MISMATCH` for a new shape issue, or any `checkModel` error.
 * @internal
 */
export function verifyResult(result: IrModel, original: IrModel, originalShapes: ShapeInferenceResult): ShapeInferenceDetail {
  const inputShapes = inputShapesOf(original, originalShapes);
  const shapes = inferShapes(result, { inputShapes });
  let baseline = new Set(originalShapes.issues.map(issueKey));
  let fresh = shapes.issues.filter((i) => !baseline.has(issueKey(i)));
  if (fresh.length > 0) {
    baseline = new Set([...baseline, ...inferShapes(original, { inputShapes }).issues.map(issueKey)]);
    fresh = fresh.filter((i) => !baseline.has(issueKey(i)));
  }
  const first = fresh[0];
  if (first !== undefined) {
    throw new EngineError(
      EngineErrorCode.ShapeMismatch,
      `The transformed model no longer infers at ${first.opType} node ${first.node}: ${first.message} ` +
        `(${String(fresh.length)} new shape issue${fresh.length === 1 ? '' : 's'}); expected none.`,
      first.node,
    );
  }
  checkModel(result, resolveLimits());
  return shapes;
}
