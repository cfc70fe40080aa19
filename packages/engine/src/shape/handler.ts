import type { Dim, IrGraph, IrNode } from '../ir/types.ts';
import type { OpHandlerKey } from '../ops/registry.ts';
import type { DimAlgebra } from './dim-algebra.ts';
import type { KnownValue } from './known-value.ts';
import type { ShapeIssue, TensorInfo } from './types.ts';

/** What a handler says about one output: its type and, for small constant results, its value. */
export interface ShapeOutput extends TensorInfo {
  readonly value?: KnownValue;
}

/**
 * What a shape handler sees of one node. Inputs are addressed by slot; an omitted optional input (`''`) and an input
 * whose info is unknown both read as unknown, `has(i)` tells them apart.
 */
export interface ShapeContext {
  readonly node: IrNode;
  /** The opset version of the node's domain. */
  readonly opset: number;
  /** Dim arithmetic shared by the whole inference run (symbolic expressions, fresh symbols). */
  readonly dims: DimAlgebra;
  /** Number of input slots the node lists (including omitted ones). */
  readonly inputCount: number;
  /** True when slot `i` names a value (is not omitted). */
  has(i: number): boolean;
  input(i: number): TensorInfo;
  dtype(i: number): number | undefined;
  shape(i: number): readonly Dim[] | undefined;
  /** The known value of input `i`, if it is a small constant or was folded from one. */
  value(i: number): KnownValue | undefined;
  /**
   * Infers a subgraph (If branch, Loop/Scan body) in a scope that sees this node's scope. `inputs` override the
   * body's declared input types slot by slot (undefined keeps the declared one). Returns one info per body output.
   */
  inferSubgraph(graph: IrGraph, inputs: readonly (TensorInfo | undefined)[]): readonly TensorInfo[];
}

/**
 * Shape and dtype inference for one op from one opset version on. `infer` returns one entry per node output, in
 * order; missing or undefined entries mean "unknown". Invalid input is reported by throwing `ShapeFailure`
 * (see `fail`); the driver turns it into a `ShapeIssue` and leaves the outputs unknown.
 */
export interface ShapeHandler extends OpHandlerKey {
  readonly infer: (ctx: ShapeContext) => readonly (ShapeOutput | undefined)[];
}

/** A handler spec; `domain` defaults to the ONNX default domain. */
export interface ShapeHandlerSpec {
  readonly domain?: string;
  readonly opType: string;
  readonly since: number;
  readonly infer: (ctx: ShapeContext) => readonly (ShapeOutput | undefined)[];
}

/** Builds a typed shape handler (the one way handler files declare them). */
export function defineShapeHandler(spec: ShapeHandlerSpec): ShapeHandler {
  return { domain: spec.domain ?? '', opType: spec.opType, since: spec.since, infer: spec.infer };
}

/** An expected inference failure (bad attribute, incompatible shapes), carried to the driver as a `ShapeIssue`. */
export class ShapeFailure extends Error {
  override readonly name = 'ShapeFailure';
  constructor(
    readonly code: ShapeIssue['code'],
    message: string,
  ) {
    super(message);
  }
}

/** Throws a `ShapeFailure`; handlers call this where the spec says the node is invalid. */
export function fail(code: ShapeIssue['code'], message: string): never {
  throw new ShapeFailure(code, message);
}

/** An output of known dtype and shape. */
export function tensorOut(dtype: number | undefined, shape: readonly Dim[] | undefined, value?: KnownValue): ShapeOutput {
  return value === undefined ? { dtype, shape } : { dtype, shape, value };
}
