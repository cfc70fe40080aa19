/** Hand-written shape-inference results, so cost tests state every shape they rely on. */
import { dataTypeFromName } from '../../src/ir/dtype.ts';
import type { Dim } from '../../src/ir/types.ts';
import type { ShapeInferenceResult, TensorInfo } from '../../src/shape/types.ts';

/** `{ x: ['float32', [1, 3, 8, 8]] }` → a ShapeInferenceResult with those values and no issues. */
export function handShapes(values: Readonly<Record<string, readonly [string, readonly Dim[]]>>): ShapeInferenceResult {
  const map = new Map<string, TensorInfo>();
  for (const [name, [dtype, shape]] of Object.entries(values)) {
    const code = dataTypeFromName(dtype);
    if (code === undefined) throw new Error(`unknown dtype ${dtype}`);
    map.set(name, { dtype: code, shape });
  }
  return { values: map, issues: [] };
}
