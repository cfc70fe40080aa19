/** Pooling and reductions: every window element (or input element) touched once. No MACs. */
import { attrInts } from '../../ir/attributes.ts';
import { counted, outputDims, product, uncounted } from '../count.ts';
import type { CostContext, CostHandler, OpCount } from '../types.ts';
import { perInputElement, perOutputElement } from './per-element.ts';

function windowedPool(ctx: CostContext): OpCount {
  const kernel = attrInts(ctx.node, 'kernel_shape');
  if (kernel === undefined) return uncounted('kernel_shape attribute is missing', 0);
  const y = outputDims(ctx, 0);
  return y.ok ? counted(0, product(y.dims) * product(kernel)) : uncounted(y.reason, 0);
}

/** @internal */
export const poolingCostHandlers: readonly CostHandler[] = [
  ...['MaxPool', 'AveragePool', 'LpPool'].map(
    (opType): CostHandler => ({
      domain: '',
      opType,
      since: 1,
      rule: 'other = output elements × prod(kernel_shape)',
      count: windowedPool,
    }),
  ),
  ...perInputElement(['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool'], 1, 'other = one per input element'),
  ...perInputElement(
    [
      'ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL1', 'ReduceL2', 'ReduceLogSum',
      'ReduceLogSumExp', 'ReduceSumSquare', 'ArgMax', 'ArgMin',
    ],
    1,
    'other = one per input element',
  ),
  ...perOutputElement(
    ['Upsample', { opType: 'Resize', since: 10 }],
    1,
    'other = one per output element (interpolation weights not counted)',
  ),
];
