import type { AttrInput } from '../../../src/ir/builder.ts';
import type { Dim } from '../../../src/ir/types.ts';

/**
 * One golden shape-inference case: a single-node model, data only. The runner builds it with GraphBuilder, runs
 * it in onnxruntime, and checks that inferShapes gives the shapes and dtypes ORT produced and that both equal
 * `expect` (so a wrong expectation, a wrong handler and a wrong oracle assumption all show up).
 */
export interface OpCase {
  /** What the case is about; the test title is `<op> opset <n>: <name>`. */
  readonly name: string;
  readonly op: string;
  readonly opset: number;
  readonly domain?: string;
  readonly attrs?: CaseAttrs;
  /** null marks an omitted optional input (''). */
  readonly inputs: readonly (CaseInput | null)[];
  /** Expected [dtype, shape] per node output; the output count is this list's length. */
  readonly expect: readonly (readonly [string, readonly Dim[]])[];
  /** false for symbolic cases onnxruntime cannot run (only `expect` is checked). */
  readonly ort?: false;
}

export interface CaseInput {
  readonly dtype: string;
  readonly shape: readonly Dim[];
  /** A constant value: the input becomes an initializer (or a Constant node with `constantNode`). */
  readonly value?: readonly (number | bigint)[];
  readonly constantNode?: true;
}

/** Node attributes of a case. */
export type CaseAttrs = Readonly<Record<string, AttrInput>>;

/** INT64_MAX / INT64_MIN, the "to the end" sentinels exporters write into Slice ends. */
export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

/** A runtime input of the given dtype and shape. */
export function x(shape: readonly Dim[], dtype = 'float32'): CaseInput {
  return { dtype, shape };
}

/** A constant int64 1-D (or scalar when `scalar`) input. */
export function i64(values: readonly (number | bigint)[], scalar = false): CaseInput {
  return { dtype: 'int64', shape: scalar ? [] : [values.length], value: values };
}

/** A constant float32 1-D input. */
export function f32(values: readonly number[], shape?: readonly number[]): CaseInput {
  return { dtype: 'float32', shape: shape ?? [values.length], value: values };
}

/** A float32 weight of the given shape (zeros; only its shape matters). */
export function weight(shape: readonly number[], dtype = 'float32'): CaseInput {
  return { dtype, shape, value: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0) };
}

/** An empty float32 tensor (how opset-11 Resize omits scales). */
export const EMPTY_F32: CaseInput = { dtype: 'float32', shape: [0], value: [] };
