/**
 * The one place where numeric tolerances live (style-anchors §8.5). Every comparison of runtime outputs in the
 * engine's tests takes its tolerance from here, so a looser bound is a visible, reviewed change.
 */
import type { HostTensorType } from '../../src/runtime/inference-runtime.ts';

/** `|actual − expected| ≤ abs + rel·|expected|`, element-wise. Zero for both means exact equality. */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

/** Tolerances per element type and runtime. */
export const TOLERANCE = {
  /** Integers, bools and strings: no slack at all. */
  exact: { abs: 0, rel: 0 },
  float32: {
    /** onnxruntime CPU, same model computed two ways (e.g. fused vs unfused kernels). */
    cpu: { abs: 1e-4, rel: 1e-4 },
  },
  float64: {
    cpu: { abs: 1e-10, rel: 1e-10 },
  },
  float16: {
    /** Half precision keeps ~3 decimal digits; accumulations in half drift by a few ULP. */
    cpu: { abs: 1e-2, rel: 1e-2 },
  },
} as const satisfies Record<string, Tolerance | Record<string, Tolerance>>;

/** The default tolerance for comparing two tensors of `type` computed on the CPU. */
export function toleranceFor(type: HostTensorType): Tolerance {
  switch (type) {
    case 'float32':
      return TOLERANCE.float32.cpu;
    case 'float64':
      return TOLERANCE.float64.cpu;
    case 'float16':
      return TOLERANCE.float16.cpu;
    default:
      return TOLERANCE.exact;
  }
}

/**
 * Whether two numbers agree under `tol`. NaN equals NaN; an infinity equals only the infinity of the same sign;
 * finite values must be within `abs + rel·|expected|`.
 */
export function numbersClose(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected;
  return Math.abs(actual - expected) <= tol.abs + tol.rel * Math.abs(expected);
}
