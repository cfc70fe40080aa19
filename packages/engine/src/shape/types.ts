import type { Dim } from '../ir/types.ts';

/** What shape inference knows about one value. */
export interface TensorInfo {
  /** ONNX dtype code; undefined when unknown. */
  readonly dtype: number | undefined;
  /** Undefined when even the rank is unknown; symbolic dims are strings. */
  readonly shape: readonly Dim[] | undefined;
}

/** Why a node's outputs could not be (fully) inferred. Inference never throws on these; it records them. */
export interface ShapeIssue {
  readonly node: string;
  readonly opType: string;
  readonly code: 'unknown-op' | 'unknown-input' | 'invalid-attribute' | 'shape-mismatch' | 'unsupported';
  readonly message: string;
}

export interface InferShapesOptions {
  /** Concrete (or renamed symbolic) shapes for graph inputs, overriding the declared ones. */
  readonly inputShapes?: Readonly<Record<string, readonly Dim[]>>;
}

export interface ShapeInferenceResult {
  /** Every value of the main graph: inputs, initializers, Constant outputs and node outputs. */
  readonly values: ReadonlyMap<string, TensorInfo>;
  readonly issues: readonly ShapeIssue[];
}
