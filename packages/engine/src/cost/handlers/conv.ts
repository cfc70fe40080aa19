/**
 * Convolutions. MACs follow thop / fvcore: one MAC per weight element per output position; the bias add is not a
 * MAC and is counted as one other op per output element.
 */
import { counted, hasInput, inputDims, outputDims, product, uncounted } from '../count.ts';
import type { CostContext, CostHandler, OpCount } from '../types.ts';

/**
 * Y = [N, M, *outSpatial], W = [M, C/group, *kernel]:
 * MACs = N·M·prod(outSpatial) · (C/group)·prod(kernel) = prod(Y) · prod(W[1:]).
 */
function convCount(ctx: CostContext, weightSlot: number, biasSlot: number | undefined): OpCount {
  const y = outputDims(ctx, 0);
  if (!y.ok) return uncounted(y.reason);
  const w = inputDims(ctx, weightSlot);
  if (!w.ok) return uncounted(w.reason);
  const outputs = product(y.dims);
  const perOutput = product(w.dims.slice(1));
  const bias = biasSlot !== undefined && hasInput(ctx, biasSlot) ? outputs : 0;
  return counted(outputs * perOutput, bias);
}

/**
 * X = [N, C, *inSpatial], W = [C, M/group, *kernel]: every input element is multiplied into (M/group)·prod(kernel)
 * outputs, so MACs = N·C·prod(inSpatial) · (M/group)·prod(kernel) = prod(X) · prod(W[1:]).
 */
function convTransposeCount(ctx: CostContext): OpCount {
  const x = inputDims(ctx, 0);
  if (!x.ok) return uncounted(x.reason);
  const w = inputDims(ctx, 1);
  if (!w.ok) return uncounted(w.reason);
  const macs = product(x.dims) * product(w.dims.slice(1));
  if (!hasInput(ctx, 2)) return counted(macs, 0);
  const y = outputDims(ctx, 0);
  return y.ok ? counted(macs, product(y.dims)) : uncounted(y.reason, macs);
}

/** @internal */
export const convCostHandlers: readonly CostHandler[] = [
  {
    domain: '',
    opType: 'Conv',
    since: 1,
    rule: 'MACs = N·Cout·prod(out spatial)·(Cin/group)·prod(kernel); other = bias adds (one per output element)',
    count: (ctx) => convCount(ctx, 1, 2),
  },
  {
    domain: '',
    opType: 'ConvInteger',
    since: 10,
    rule: 'as Conv (weight is input 1, no bias)',
    count: (ctx) => convCount(ctx, 1, undefined),
  },
  {
    domain: '',
    opType: 'QLinearConv',
    since: 10,
    rule: 'as Conv (weight is input 3, bias input 8); requantization not counted',
    count: (ctx) => convCount(ctx, 3, 8),
  },
  {
    domain: '',
    opType: 'ConvTranspose',
    since: 1,
    rule: 'MACs = N·Cin·prod(in spatial)·(Cout/group)·prod(kernel); other = bias adds (one per output element)',
    count: convTransposeCount,
  },
];
