import type { IrModel } from '../ir/types.ts';
import { opsetMap, type OpRegistry } from '../ops/registry.ts';
import { defaultShapeRegistry } from '../register-all.ts';
import type { ShapeHandler } from './handler.ts';
import { InferenceRun, normalizeDims } from './inference-run.ts';
import type { KnownValue } from './known-value.ts';
import { ValueScope } from './scope.ts';
import type { InferShapesOptions, ShapeInferenceResult, TensorInfo } from './types.ts';

/** `InferShapesOptions` plus the handler registry to use (default: every handler in `register-all.ts`). */
export interface InferShapesRunOptions extends InferShapesOptions {
  readonly registry?: OpRegistry<ShapeHandler>;
}

/** The contract's result plus the constant values inference tracked. */
export interface ShapeInferenceDetail extends ShapeInferenceResult {
  /**
   * Small constant values of main-graph values that were folded or read during inference (shape subgraphs:
   * `Shape → Gather → Concat`), elements possibly symbolic. Not every constant appears: weights are never read.
   */
  readonly knownValues: ReadonlyMap<string, KnownValue>;
}

/**
 * Infers the dtype and shape of every value of the model's main graph.
 *
 * Pre-conditions: none beyond a decoded model; inference reads no external data and never throws for model
 * problems. Post-conditions: `values` has an entry for every graph input, initializer and node output (unknown
 * dtype/shape where nothing could be derived); every node that could not be inferred, and why, is in `issues`.
 *
 * Opset-aware: each node is inferred by the handler with the highest `since` not above its domain's imported
 * opset. Unknown ops fail closed (outputs unknown, an `unknown-op` issue); model-local functions are inferred
 * through their bodies. Dynamic dims stay symbolic, and arithmetic on them yields canonical expressions
 * (`floor((H+1)/2)`, `N*3`; see `DimAlgebra`); `options.inputShapes` replaces declared input shapes.
 */
export function inferShapes(model: IrModel, options: InferShapesRunOptions = {}): ShapeInferenceDetail {
  const run = new InferenceRun(options.registry ?? defaultShapeRegistry(), model.functions);
  run.dims.reserve(symbolNames(model));
  run.dims.reserve(Object.values(options.inputShapes ?? {}).flatMap((s) => s.filter((d): d is string => typeof d === 'string')));
  const graph = model.graph;
  const overrides = new Map<string, TensorInfo>();
  const inputNames = new Set(graph.inputs.map((v) => v.name));
  for (const [name, shape] of Object.entries(options.inputShapes ?? {})) {
    if (!inputNames.has(name)) {
      run.issues.push({
        node: name,
        opType: '',
        code: 'unknown-input',
        message: `inputShapes names '${name}', which is not a graph input; expected one of ${[...inputNames].map((n) => `'${n}'`).join(', ')}.`,
      });
      continue;
    }
    overrides.set(name, { dtype: undefined, shape: normalizeDims(shape, run.dims) });
  }
  const scope = new ValueScope();
  // ONNX IR < 4 lists every initializer as a graph input too; only from IR 4 on may a caller override them.
  run.declareGraphValues(graph, scope, { overrides, initializersAreConstant: model.irVersion < 4 });
  run.inferNodes(graph, scope, opsetMap(model.opsetImports), '');
  return { values: new Map(scope.entries()), issues: run.issues, knownValues: new Map(scope.knownValues()) };
}

/** Every symbolic dim name the model declares on its main-graph inputs, outputs and value_info. */
function symbolNames(model: IrModel): string[] {
  const out: string[] = [];
  const g = model.graph;
  for (const v of [...g.inputs, ...g.outputs, ...g.valueInfo]) {
    const t = v.type;
    if (t?.kind === 'tensor' || t?.kind === 'sparse-tensor') for (const d of t.shape ?? []) if (typeof d === 'string') out.push(d);
  }
  return out;
}
