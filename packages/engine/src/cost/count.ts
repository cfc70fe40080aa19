/** Small building blocks shared by the cost handlers: concrete dims of a node's values and count results. */
import type { TensorInfo } from '../shape/types.ts';
import type { CostContext, OpCount } from './types.ts';

/** Concrete dims of a value, or the reason they are not available. */
export type DimsResult =
  | { readonly ok: true; readonly dims: readonly number[] }
  | { readonly ok: false; readonly reason: string };

function describe(info: TensorInfo | undefined, role: string, name: string | undefined): DimsResult {
  const label = `${role} '${name ?? ''}'`;
  if (name === undefined || name === '') return { ok: false, reason: `${role} is missing` };
  if (info?.shape === undefined) return { ok: false, reason: `shape of ${label} is unknown` };
  const dims: number[] = [];
  for (const d of info.shape) {
    if (typeof d !== 'number') {
      return { ok: false, reason: `${label} has symbolic dims [${info.shape.join(',')}]; give concrete input shapes` };
    }
    dims.push(d);
  }
  return { ok: true, dims };
}

/** Concrete dims of input slot `i`. */
export function inputDims(ctx: CostContext, i: number): DimsResult {
  return describe(ctx.input(i), `input ${String(i)}`, ctx.node.inputs[i]);
}

/** Concrete dims of output slot `i`. */
export function outputDims(ctx: CostContext, i: number): DimsResult {
  return describe(ctx.output(i), `output ${String(i)}`, ctx.node.outputs[i]);
}

/** Product of dims (1 for a scalar). */
export function product(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** True when input slot `i` is present (not omitted with ''). */
export function hasInput(ctx: CostContext, i: number): boolean {
  const name = ctx.node.inputs[i];
  return name !== undefined && name !== '';
}

/** A fully known count. */
export function counted(macs: number, otherOps: number): OpCount {
  return { macs, otherOps, reason: undefined };
}

/** A count that could not be made; `macs` may still be known (0 for ops that never multiply-accumulate). */
export function uncounted(reason: string, macs?: number): OpCount {
  return { macs, otherOps: undefined, reason };
}
