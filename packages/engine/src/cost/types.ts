/**
 * Types of the static cost model.
 *
 * Every figure here is an ESTIMATE read from the static graph and the inferred shapes: nothing is run, no
 * kernel fusion, layout change, sparsity or runtime-specific algorithm (Winograd, im2col) is modelled. User
 * interfaces must label these figures "estimate"; measured latency comes from benchmarks, never from here.
 */
import type { Dim, IrNode } from '../ir/types.ts';
import type { OpHandlerKey, OpRegistry } from '../ops/registry.ts';
import type { TensorInfo } from '../shape/types.ts';

/**
 * A sum over nodes where some nodes may not be countable (symbolic or unknown shapes, ops without a rule).
 * Never guesses: `total` is defined only when every node contributed a figure.
 * @public
 */
export interface CostSum {
  /** The exact sum when every node is known; undefined when at least one node is unknown. */
  readonly total: number | undefined;
  /** Sum over the nodes whose figure is known (a lower bound of the true total). */
  readonly known: number;
  /** How many nodes have no figure. */
  readonly unknownNodes: number;
}

/**
 * Estimated cost of one node of the main graph.
 * @public
 */
export interface NodeCost {
  /** Position of the node in `model.graph.nodes`. */
  readonly index: number;
  /** The node's name, or a label derived from its first output when the name is empty (`nodeLabel`). */
  readonly label: string;
  readonly opType: string;
  /** Name scope the node belongs to (see `nodeScope`): '/' for the root. */
  readonly scope: string;
  /**
   * Parameter elements attributed to this node: the parameter tensors it is the first consumer of, plus every
   * parameter inside its subgraphs. `Constant` nodes attribute their tensor to their consumer, so they show 0.
   */
  readonly params: number;
  /**
   * Multiply-accumulates (thop / fvcore convention: one MAC = one multiply plus one add; bias adds excluded).
   * 0 for ops that do no multiply-accumulate; undefined when shapes are unknown or symbolic, or the op has no
   * cost rule (`reason` says which).
   */
  readonly macs: number | undefined;
  /**
   * Other arithmetic, counted in elements touched (a "FLOP-ish" count): elementwise ops, normalization, pooling,
   * reductions, bias adds. Undefined under the same conditions as `macs`.
   */
  readonly otherOps: number | undefined;
  /** Why `macs` or `otherOps` is undefined; undefined when both are known. */
  readonly reason: string | undefined;
}

/**
 * Memory of one activation (a graph input or a value computed by a non-`Constant` node).
 * @public
 */
export interface ActivationCost {
  readonly name: string;
  /** ONNX dtype code; undefined when shape inference could not tell. */
  readonly dtype: number | undefined;
  /** Undefined when the rank is unknown; symbolic dims are strings. */
  readonly shape: readonly Dim[] | undefined;
  /** Bytes of one instance of the value; undefined when the shape is symbolic/unknown or the dtype unknown. */
  readonly bytes: number | undefined;
}

/**
 * Aggregated cost of one name scope (PyTorch `/layer1/0/conv1/Conv` → scopes `/layer1`, `/layer1/0`,
 * `/layer1/0/conv1`). The root scope `/` holds nodes without a scope, including every node of models whose
 * exporter leaves names empty (Paddle).
 * @public
 */
export interface ScopeCost {
  /** `/` for the root, else `/a/b` (segments joined with '/', leading '/'). */
  readonly path: string;
  /** Path of the enclosing scope; undefined for the root. */
  readonly parent: string | undefined;
  /** Indices of the nodes directly in this scope (not in a child scope), in graph order. */
  readonly nodeIndices: readonly number[];
  /** Nodes in this scope and all its descendants. */
  readonly nodeCount: number;
  /** Parameters of this scope and all its descendants. */
  readonly params: number;
  readonly macs: CostSum;
  readonly otherOps: CostSum;
}

/**
 * The static cost of a model: parameters, multiply-accumulates, other arithmetic, activation memory, per node
 * and per name scope. All figures are estimates from the static graph (see the module comment).
 *
 * Which constant tensors are parameters: initializers, sparse initializers (their stored non-zeros) and `Constant`
 * node tensors of the main graph and of every subgraph, when their dtype is
 * - a floating-point type (float32, float16, bfloat16, float64, float8 and float4 variants), or
 * - an 8-, 4-, 2- or 16-bit integer type (quantized weights and zero points), or
 * - int32 and read by `DequantizeLinear` as its data input (quantized biases).
 * Other int32/int64 constants (shapes, axes, indices), bools and strings are not parameters.
 * @public
 */
export interface CostReport {
  /** Parameter elements in the whole model. */
  readonly params: number;
  /** Bytes the parameters occupy as stored (sub-byte types packed). */
  readonly paramBytes: number;
  /** Parameter bytes per dtype name (`float32`, `int8`, ...). */
  readonly paramBytesByDtype: Readonly<Record<string, number>>;
  /** Parameter elements per dtype name. */
  readonly paramsByDtype: Readonly<Record<string, number>>;
  readonly macs: CostSum;
  readonly otherOps: CostSum;
  /** One entry per node of the main graph, in graph order. */
  readonly nodes: readonly NodeCost[];
  /** Graph inputs, then node outputs in graph order; constants are not activations. */
  readonly activations: readonly ActivationCost[];
  /** The activation with the most bytes; undefined when any activation's size is unknown (symbolic shapes). */
  readonly largestActivation: ActivationCost | undefined;
  /** Every name scope, parents before children, the root first. */
  readonly scopes: readonly ScopeCost[];
}

/**
 * What a cost handler sees of one node.
 * @public
 */
export interface CostContext {
  readonly node: IrNode;
  /** Shape-inference facts for input slot `i`; undefined for an omitted or unknown input. */
  input(i: number): TensorInfo | undefined;
  /** Shape-inference facts for output slot `i`. */
  output(i: number): TensorInfo | undefined;
}

/**
 * The count a handler returns for one node.
 * @public
 */
export interface OpCount {
  readonly macs: number | undefined;
  readonly otherOps: number | undefined;
  /** Required when a figure is undefined: says which value or fact was missing. */
  readonly reason: string | undefined;
}

/**
 * Counts one op family. Registered in an `OpRegistry<CostHandler>` keyed by (domain, opType, since).
 * @public
 */
export interface CostHandler extends OpHandlerKey {
  /** How the op is counted, in one line (rendered as the cost-rule table in the docs). */
  readonly rule: string;
  count(ctx: CostContext): OpCount;
}

/**
 * Options of `computeCost`.
 * @public
 */
export interface ComputeCostOptions {
  /** Handlers to count with; the engine's default registry (every rule in `COST_HANDLERS`) when omitted. */
  readonly registry?: OpRegistry<CostHandler>;
}
