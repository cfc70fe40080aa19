import { EngineError, EngineErrorCode } from '../errors.ts';
import { nodeLabel, normalizeDomain } from '../ir/attributes.ts';
import type { Dim, IrFunction, IrGraph, IrNode, IrValueInfo } from '../ir/types.ts';
import { opsetMap, type OpRegistry, type OpsetMap } from '../ops/registry.ts';
import { DimAlgebra } from './dim-algebra.ts';
import { substituteAttributes } from './function-call.ts';
import { ShapeFailure, type ShapeHandler, type ShapeOutput } from './handler.ts';
import { NodeShapeContext } from './node-context.ts';
import { ValueScope } from './scope.ts';
import { formatShape } from './shape-math.ts';
import { topologicalOrder } from './topo-order.ts';
import type { ShapeIssue, TensorInfo } from './types.ts';

/** Functions nest at most this deep (a function calling itself must not hang inference). */
const MAX_FUNCTION_DEPTH = 8;

const UNKNOWN: TensorInfo = { dtype: undefined, shape: undefined };

/**
 * One shape-inference run over a model: the handler registry, the opsets, the dim algebra and the issue list,
 * shared by the main graph, every subgraph and every model-local function body it enters.
 *
 * Invariants: a node's outputs are always defined after it is visited (unknown when nothing could be inferred);
 * nothing here throws for a model problem, every one becomes a `ShapeIssue`.
 */
export class InferenceRun {
  readonly dims = new DimAlgebra();
  readonly issues: ShapeIssue[] = [];
  readonly #registry: OpRegistry<ShapeHandler>;
  readonly #registered: ReadonlySet<string>;
  readonly #functions: ReadonlyMap<string, IrFunction>;
  #functionDepth = 0;

  constructor(registry: OpRegistry<ShapeHandler>, functions: readonly IrFunction[]) {
    this.#registry = registry;
    this.#registered = new Set(registry.keys());
    this.#functions = new Map(functions.map((f) => [`${normalizeDomain(f.domain)}::${f.name}`, f]));
  }

  /** Declares a graph's inputs and initializers in `scope`; `overrides` replace declared input shapes. */
  declareGraphValues(
    graph: IrGraph,
    scope: ValueScope,
    options: { readonly overrides?: ReadonlyMap<string, TensorInfo>; readonly initializersAreConstant: boolean },
  ): void {
    const inputNames = new Set(graph.inputs.map((v) => v.name));
    for (const t of graph.initializers) {
      // An initializer that is also a graph input is only a default the caller may override (IR ≥ 4), so its
      // shape is known but its value is not (onnxruntime's `CanOverrideInitializer`).
      if (inputNames.has(t.name) && !options.initializersAreConstant) scope.define(t.name, { dtype: t.dtype, shape: [...t.dims] });
      else scope.defineConstant(t.name, t);
    }
    for (const s of graph.sparseInitializers) scope.define(s.values.name, { dtype: s.values.dtype, shape: [...s.dims] });
    for (const v of graph.inputs) {
      const override = options.overrides?.get(v.name);
      if (override !== undefined) scope.define(v.name, { dtype: override.dtype ?? declaredInfo(v, this.dims).dtype, shape: override.shape });
      else if (!scope.hasLocal(v.name)) scope.define(v.name, declaredInfo(v, this.dims));
    }
  }

  /** Infers every node of `graph` in topological order into `scope`. */
  inferNodes(graph: IrGraph, scope: ValueScope, opsets: OpsetMap, path: string): void {
    for (const node of topologicalOrder(graph)) this.inferNode(node, scope, opsets, path);
  }

  /** Infers a subgraph in a child scope; `inputs` override the body's declared input types slot by slot. */
  inferSubgraph(graph: IrGraph, parent: ValueScope, opsets: OpsetMap, inputs: readonly (TensorInfo | undefined)[], path: string): TensorInfo[] {
    const scope = new ValueScope(parent);
    const overrides = new Map<string, TensorInfo>();
    graph.inputs.forEach((v, i) => {
      const given = inputs[i];
      if (given !== undefined) overrides.set(v.name, completed(given, () => declaredInfo(v, this.dims)));
    });
    this.declareGraphValues(graph, scope, { overrides, initializersAreConstant: true });
    this.inferNodes(graph, scope, opsets, path);
    return graph.outputs.map((v) => completed(scope.info(v.name) ?? UNKNOWN, () => declaredInfo(v, this.dims)));
  }

  inferNode(node: IrNode, scope: ValueScope, opsets: OpsetMap, path: string): void {
    const label = path === '' ? nodeLabel(node) : `${path}/${nodeLabel(node)}`;
    const missing = node.inputs.filter((i) => i !== '' && !scope.has(i));
    if (missing.length > 0) {
      this.#issue(label, node, 'unknown-input', `reads ${missing.map((m) => `'${m}'`).join(', ')}, which nothing defines; those inputs are unknown.`);
    }
    const outputs = this.#run(node, scope, opsets, label);
    node.outputs.forEach((name, i) => {
      if (name === '') return;
      const out = outputs?.[i];
      if (out === undefined) {
        scope.define(name, UNKNOWN);
        return;
      }
      const bad = out.shape?.find((d) => typeof d === 'number' && (!Number.isSafeInteger(d) || d < 0));
      if (bad !== undefined) {
        this.#issue(label, node, 'shape-mismatch', `output ${String(i)} would have dim ${String(bad)} in ${formatShape(out.shape)}; expected non-negative safe integers.`);
        scope.define(name, { dtype: out.dtype, shape: undefined });
        return;
      }
      scope.define(name, { dtype: out.dtype, shape: out.shape }, out.value);
    });
  }

  #run(node: IrNode, scope: ValueScope, opsets: OpsetMap, label: string): readonly (ShapeOutput | undefined)[] | undefined {
    const domain = normalizeDomain(node.domain);
    const version = opsets.get(domain);
    const handler = this.#registry.resolve(node, opsets);
    const ctx = new NodeShapeContext(node, version ?? 0, scope, this.dims, (g, inputs) => this.inferSubgraph(g, scope, opsets, inputs, label));
    try {
      if (handler !== undefined) return handler.infer(ctx);
      const fn = this.#functions.get(`${domain}::${node.opType}`);
      if (fn !== undefined) return this.#inferFunctionCall(fn, node, ctx, opsets, label);
    } catch (error) {
      const [code, message] = describeError(error);
      this.#issue(label, node, code, message);
      return undefined;
    }
    const where = version === undefined ? `${domain}, no opset imported` : `${domain} v${String(version)}`;
    const reason = this.#registered.has(`${domain}::${node.opType}`)
      ? `no shape handler for this opset version`
      : 'no shape handler';
    this.#issue(label, node, 'unknown-op', `Unknown op ${node.opType} (${where}) at node ${label}: ${reason}; its outputs are unknown.`);
    return undefined;
  }

  /** Infers a call of a model-local function by inferring its body with the caller's inputs and attributes. */
  #inferFunctionCall(fn: IrFunction, node: IrNode, ctx: NodeShapeContext, outer: OpsetMap, label: string): ShapeOutput[] {
    if (this.#functionDepth >= MAX_FUNCTION_DEPTH) {
      throw new ShapeFailure('unsupported', `function ${fn.name} nests deeper than ${String(MAX_FUNCTION_DEPTH)} calls.`);
    }
    const scope = new ValueScope();
    fn.inputs.forEach((name, i) => {
      if (ctx.has(i)) scope.define(name, ctx.input(i), ctx.value(i));
    });
    const opsets = fn.opsetImports.length > 0 ? new Map([...outer, ...opsetMap(fn.opsetImports)]) : outer;
    this.#functionDepth++;
    try {
      for (const bodyNode of substituteAttributes(fn, node)) this.inferNode(bodyNode, scope, opsets, label);
    } finally {
      this.#functionDepth--;
    }
    return fn.outputs.map((name) => {
      const info = scope.info(name) ?? UNKNOWN;
      const value = scope.value(name);
      return value === undefined ? info : { ...info, value };
    });
  }

  #issue(label: string, node: IrNode, code: ShapeIssue['code'], message: string): void {
    this.issues.push({ node: label, opType: node.opType, code, message });
  }
}

/** `info` with whatever it lacks taken from `fallback` (evaluated only when needed: it may mint fresh symbols). */
function completed(info: TensorInfo, fallback: () => TensorInfo): TensorInfo {
  if (info.dtype !== undefined && info.shape !== undefined) return info;
  const other = fallback();
  return { dtype: info.dtype ?? other.dtype, shape: info.shape ?? other.shape };
}

/** The declared type of a graph input/output as a TensorInfo; unnamed or negative dims become fresh symbols. */
export function declaredInfo(v: IrValueInfo, dims: DimAlgebra): TensorInfo {
  const t = v.type;
  if (t === undefined || (t.kind !== 'tensor' && t.kind !== 'sparse-tensor')) return UNKNOWN;
  return { dtype: t.elemType === 0 ? undefined : t.elemType, shape: t.shape === undefined ? undefined : normalizeDims(t.shape, dims) };
}

/**
 * Dims as inference uses them: `'?'` (proto dims with neither value nor name), empty names and negative numbers
 * mean "unknown" and each becomes its own fresh symbol, so two of them never unify by accident.
 */
export function normalizeDims(shape: readonly Dim[], dims: DimAlgebra): Dim[] {
  return shape.map((d) => (d === '?' || d === '' || (typeof d === 'number' && (d < 0 || !Number.isSafeInteger(d))) ? dims.fresh() : d));
}

function describeError(error: unknown): [ShapeIssue['code'], string] {
  if (error instanceof ShapeFailure) return [error.code, error.message];
  if (error instanceof EngineError) {
    if (error.code === EngineErrorCode.InvalidAttribute) return ['invalid-attribute', error.message];
    if (error.code === EngineErrorCode.ShapeMismatch) return ['shape-mismatch', error.message];
    return ['unsupported', error.message];
  }
  const message = error instanceof Error ? error.message : String(error);
  return ['unsupported', `shape handler failed: ${message.slice(0, 200)}`];
}
