/** Handler factories for ops counted in elements touched (no MACs). */
import { counted, inputDims, outputDims, product, uncounted } from '../count.ts';
import type { CostContext, CostHandler } from '../types.ts';

/** Ops the factories build handlers for: one name, or a name with the first opset it applies from. */
export type OpSpec = string | { readonly opType: string; readonly since: number };

function key(spec: OpSpec): { readonly domain: string; readonly opType: string; readonly since: number } {
  return typeof spec === 'string' ? { domain: '', opType: spec, since: 1 } : { domain: '', ...spec };
}

/** `factor` other ops per element of output 0; no MACs. */
export function perOutputElement(specs: readonly OpSpec[], factor: number, rule: string): CostHandler[] {
  return specs.map((spec) => ({
    ...key(spec),
    rule,
    count: (ctx: CostContext) => {
      const y = outputDims(ctx, 0);
      return y.ok ? counted(0, factor * product(y.dims)) : uncounted(y.reason, 0);
    },
  }));
}

/** `factor` other ops per element of input 0; no MACs. */
export function perInputElement(specs: readonly OpSpec[], factor: number, rule: string): CostHandler[] {
  return specs.map((spec) => ({
    ...key(spec),
    rule,
    count: (ctx: CostContext) => {
      const x = inputDims(ctx, 0);
      return x.ok ? counted(0, factor * product(x.dims)) : uncounted(x.reason, 0);
    },
  }));
}

/** (inputs − 1) other ops per output element, for variadic ops such as Sum and Max. */
export function variadicPerOutputElement(specs: readonly OpSpec[], rule: string): CostHandler[] {
  return specs.map((spec) => ({
    ...key(spec),
    rule,
    count: (ctx: CostContext) => {
      const y = outputDims(ctx, 0);
      const operands = ctx.node.inputs.filter((i) => i !== '').length;
      return y.ok ? counted(0, Math.max(1, operands - 1) * product(y.dims)) : uncounted(y.reason, 0);
    },
  }));
}

/** No arithmetic at all (data movement, shape queries, casts): always 0, whatever the shapes. */
export function free(specs: readonly OpSpec[], rule: string): CostHandler[] {
  return specs.map((spec) => ({ ...key(spec), rule, count: () => counted(0, 0) }));
}
