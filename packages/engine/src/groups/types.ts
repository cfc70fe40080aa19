import type { Dim, IrNode, IrTensor } from '../ir/types.ts';
import type { OpHandlerKey } from '../ops/registry.ts';

/**
 * One axis of one value: the unit that dependency groups are made of. `axis` is non-negative.
 * Written `value:axis` in ids and messages.
 */
export interface DimRef {
  readonly value: string;
  readonly axis: number;
}

/**
 * How the indices of two coupled dims correspond (Torch-Pruning's `index_mapping`, made data):
 * - `identity`: a[i] ≡ b[i] (same size);
 * - `offset`: a[i] ≡ b[i + offset] (a Concat input inside the output, a Split/Slice output inside its input);
 * - `expand`: a[i] ≡ b[i·factor + k] for every k < factor (a channel before Flatten/Reshape owns `factor` features;
 *   a head owns `factor` columns of the projection);
 * - `grouped`: a[i] ≡ b[j] when ⌊i / aBlock⌋ = ⌊j / bBlock⌋ (grouped and depthwise Conv: one group's input and output
 *   channels go together).
 */
export type IndexMap =
  | { readonly kind: 'identity' }
  | { readonly kind: 'offset'; readonly offset: number }
  | { readonly kind: 'expand'; readonly factor: number }
  | { readonly kind: 'grouped'; readonly aBlock: number; readonly bBlock: number };

export const IDENTITY: IndexMap = { kind: 'identity' };

/** Two dims whose channels must be removed together. */
export interface DimLink {
  readonly a: DimRef;
  readonly b: DimRef;
  readonly map: IndexMap;
  /** The node that couples them (its label). */
  readonly node: string;
}

/**
 * A constant tensor (initializer or Constant-node value) whose `axis` shrinks with `dim`: `map` relates the dim's
 * indices (a) to the tensor's indices along `axis` (b). Conv weights, biases, BatchNorm statistics, per-channel
 * constants of elementwise ops.
 */
export interface ParamSlice {
  /** Value name of the constant. */
  readonly tensor: string;
  readonly axis: number;
  readonly dim: DimRef;
  readonly map: IndexMap;
  /** The node that reads the tensor, and the input slot. */
  readonly node: string;
  readonly input: number;
}

/**
 * What a prune handler sees of one node while the dependency graph is built. Shapes come from shape inference on
 * the model as given; `constant` returns initializers and Constant-node values alike.
 */
export interface CoupleContext {
  readonly node: IrNode;
  /** The opset version of the node's domain. */
  readonly opset: number;
  /** Shape of a value, or undefined when unknown. */
  shape(value: string): readonly Dim[] | undefined;
  /** The constant tensor behind a value name, if the value is a weight. */
  constant(value: string): IrTensor | undefined;
  /** Couples a[i] with b[map(i)]. */
  link(a: DimRef, b: DimRef, map?: IndexMap): void;
  /** Registers a constant tensor axis that shrinks with `dim`. */
  param(dim: DimRef, tensor: string, axis: number, map?: IndexMap): void;
  /** Marks `dim` as produced from this node's weights: a place where pruning can start (a group root). */
  source(dim: DimRef): void;
  /** Forbids pruning `dim` (and so every group that reaches it), with a reason a user can act on. */
  block(dim: DimRef, reason: string): void;
}

/** The new sizes of every pruned dim, for nodes whose attributes or shape constants must follow. */
export interface RewriteContext {
  readonly node: IrNode;
  readonly opset: number;
  /** Indices of `dim` that survive, ascending; undefined when the dim is not pruned. */
  kept(dim: DimRef): readonly number[] | undefined;
  /** Size of `dim` before pruning (undefined when unknown). */
  sizeBefore(dim: DimRef): number | undefined;
  constant(value: string): IrTensor | undefined;
  /**
   * Shape of a value before pruning. Optional for callers; handlers that need a rank to normalise a negative axis
   * (Split, Slice) throw without it rather than guess.
   */
  shape?(value: string): readonly Dim[] | undefined;
  /**
   * Replaces constant input `slot` of the node that `rewrite` returns with a new tensor (a fresh initializer is created
   * for it). To add an input (Split gaining explicit sizes), `rewrite` returns the node with `inputs` extended by ''
   * up to `slot`.
   */
  replaceConstantInput(slot: number, tensor: IrTensor): void;
}

/**
 * Structural-pruning behaviour of one op from one opset on: how its inputs', outputs' and weights' axes are coupled
 * (`couple`), and, for ops with size-bearing attributes or shape constants (grouped Conv `group`, Split sizes,
 * Reshape targets, Slice bounds), how the node is rewritten after pruning (`rewrite`; most ops need none).
 * An op with no handler blocks every group that reaches it (fail closed).
 */
export interface PruneHandler extends OpHandlerKey {
  readonly couple: (ctx: CoupleContext) => void;
  readonly rewrite?: (ctx: RewriteContext) => IrNode;
}

export interface PruneHandlerSpec {
  readonly domain?: string;
  readonly opType: string;
  readonly since: number;
  readonly couple: (ctx: CoupleContext) => void;
  readonly rewrite?: (ctx: RewriteContext) => IrNode;
}

/** Builds a typed prune handler (the one way handler files declare them). */
export function definePruneHandler(spec: PruneHandlerSpec): PruneHandler {
  return {
    domain: spec.domain ?? '',
    opType: spec.opType,
    since: spec.since,
    couple: spec.couple,
    ...(spec.rewrite !== undefined && { rewrite: spec.rewrite }),
  };
}

/** One member dim of a group, with its size. */
export interface GroupMember {
  readonly dim: DimRef;
  readonly size: number;
  /** Label of the node that produces the value ('' for graph inputs). */
  readonly producer: string;
}

/** Why a group cannot be pruned. */
export interface GroupBlock {
  readonly dim: DimRef;
  readonly reason: string;
}

/**
 * A dependency group (Fang et al., "DepGraph: Towards Any Structural Pruning", CVPR 2023): every dim and weight axis
 * whose channels must be removed together. Its prunable units are `channels`: classes of coupled indices — one class
 * is one output channel of a Conv with its BN entries and the matching input channels of every consumer, or one
 * attention head across Q, K, V and the output projection. Channel c of the group is `channels[c]`.
 */
export interface DependencyGroup {
  /** Stable id: the first source dim, `value:axis`. */
  readonly id: string;
  /** Label of the node that owns the first source dim (the "root" shown to users). */
  readonly root: string;
  readonly sources: readonly DimRef[];
  readonly members: readonly GroupMember[];
  readonly params: readonly ParamSlice[];
  /** Nodes whose inputs, outputs or weights change when the group is pruned (labels, graph order). */
  readonly nodes: readonly string[];
  /** For each channel: the indices it covers in each member dim (member index → ascending indices). */
  readonly channels: readonly ChannelClass[];
  /** Empty when prunable. */
  readonly blocks: readonly GroupBlock[];
}

/** One prunable unit of a group: member index → the indices of that member dim it covers. */
export type ChannelClass = ReadonlyMap<number, readonly number[]>;

/** Every group of a model, plus dims that could not be grouped. */
export interface GroupAnalysis {
  readonly groups: readonly DependencyGroup[];
}
