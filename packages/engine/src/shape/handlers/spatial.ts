import { attrInt, attrInts, attrString } from '../../ir/attributes.ts';
import type { Dim } from '../../ir/types.ts';
import type { DimAlgebra } from '../dim-algebra.ts';
import { fail, type ShapeContext } from '../handler.ts';

/** Sliding-window arithmetic shared by Conv, ConvTranspose and the pools. */

export type AutoPad = 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';

export interface WindowSpec {
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  /** Begin pads then end pads, 2 × spatial rank. */
  readonly pads: readonly number[];
  readonly autoPad: AutoPad;
  readonly ceilMode: boolean;
}

function listOf(ctx: ShapeContext, name: string, length: number, fallback: number): number[] {
  const v = attrInts(ctx.node, name) ?? new Array<number>(length).fill(fallback);
  if (v.length !== length) fail('invalid-attribute', `${name} has ${String(v.length)} values; expected ${String(length)}.`);
  return v;
}

/** Reads strides, dilations, pads, auto_pad and ceil_mode for a window of the given kernel. */
export function readWindow(ctx: ShapeContext, kernel: readonly number[]): WindowSpec {
  const n = kernel.length;
  const autoPad = attrString(ctx.node, 'auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'SAME_UPPER' && autoPad !== 'SAME_LOWER' && autoPad !== 'VALID') {
    fail('invalid-attribute', `auto_pad is '${autoPad}'; expected NOTSET, SAME_UPPER, SAME_LOWER or VALID.`);
  }
  const strides = listOf(ctx, 'strides', n, 1);
  if (strides.some((s) => s <= 0)) fail('invalid-attribute', `strides ${strides.join(',')} must be positive.`);
  return {
    kernel,
    strides,
    dilations: listOf(ctx, 'dilations', n, 1),
    pads: autoPad === 'NOTSET' ? listOf(ctx, 'pads', 2 * n, 0) : new Array<number>(2 * n).fill(0),
    autoPad,
    ceilMode: attrInt(ctx.node, 'ceil_mode', 0) === 1,
  };
}

/** The dilated kernel extent (k − 1)·d + 1. */
function extent(w: WindowSpec, i: number): number {
  return ((w.kernel[i] ?? 1) - 1) * (w.dilations[i] ?? 1) + 1;
}

/**
 * Output size of a convolution along spatial axis `i` (ONNX Conv): explicit pads: floor((in + pb + pe − ext) / s)
 * + 1; VALID: the same with no pads; SAME_*: ceil(in / s) (onnxruntime refuses SAME with dilations > 1).
 */
export function convOutputDim(dims: DimAlgebra, input: Dim, i: number, w: WindowSpec): Dim {
  const s = w.strides[i] ?? 1;
  const ext = extent(w, i);
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return dims.ceilDiv(input, s);
  const pads = (w.pads[i] ?? 0) + (w.pads[i + w.kernel.length] ?? 0);
  return dims.add(dims.floorDiv(dims.add(input, pads - ext), s), 1);
}

/**
 * Output size of a pool along axis `i` (ONNX MaxPool/AveragePool; onnxruntime pool_attributes.h). As conv, but
 * with `ceil_mode` the division rounds up, and a window that would start inside the end padding is dropped:
 * if (out − 1)·s ≥ in + pb then out − 1 (the PyTorch rule onnxruntime follows). SAME gives ceil(in / s).
 */
export function poolOutputDim(dims: DimAlgebra, input: Dim, i: number, w: WindowSpec): Dim {
  const s = w.strides[i] ?? 1;
  const ext = extent(w, i);
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') return dims.ceilDiv(input, s);
  const pb = w.pads[i] ?? 0;
  const pe = w.pads[i + w.kernel.length] ?? 0;
  const span = dims.add(input, pb + pe - ext);
  if (!w.ceilMode) return dims.add(dims.floorDiv(span, s), 1);
  const out = dims.add(dims.ceilDiv(span, s), 1);
  if (typeof out === 'number' && typeof input === 'number') return (out - 1) * s >= input + pb ? out - 1 : out;
  // ceil(span/s)·s < span + s, so the last window can only start in the end padding when s > ext − pe.
  return s > ext - pe ? dims.fresh() : out;
}

/**
 * Output size of a transposed convolution along axis `i` (ONNX ConvTranspose): s·(in − 1) + output_padding +
 * ext − pb − pe; with SAME_* the pads make it in·s (onnxruntime never pads negatively, so a stride larger than the
 * kernel extent keeps the unpadded size).
 */
export function convTransposeOutputDim(dims: DimAlgebra, input: Dim, i: number, w: WindowSpec, outputPadding: number): Dim {
  const s = w.strides[i] ?? 1;
  const ext = extent(w, i);
  const full = dims.add(dims.mul(dims.sub(input, 1), s), outputPadding + ext);
  if (w.autoPad === 'SAME_UPPER' || w.autoPad === 'SAME_LOWER') {
    return outputPadding + ext - s >= 0 ? dims.mul(input, s) : full;
  }
  const pads = (w.pads[i] ?? 0) + (w.pads[i + w.kernel.length] ?? 0);
  return dims.sub(full, pads);
}
