/**
 * Ops that move, view or describe data without arithmetic: counted as zero MACs and zero other ops whatever the
 * shapes, so they never make a total unknown. Control flow is the exception: its subgraphs are not walked.
 */
import { uncounted } from '../count.ts';
import type { CostHandler } from '../types.ts';
import { free } from './per-element.ts';

/** @internal */
export const dataMovementCostHandlers: readonly CostHandler[] = [
  ...free(
    [
      'Constant', 'Identity', 'Reshape', 'Transpose', 'Concat', 'Split', 'Slice', 'Squeeze', 'Unsqueeze', 'Flatten',
      'Shape', 'Size', 'Gather', 'Cast', 'Dropout', 'Pad', 'Tile', 'DepthToSpace', 'SpaceToDepth', 'ConstantOfShape',
      'EyeLike', 'NonZero', 'OneHot', 'TopK',
      { opType: 'Scatter', since: 9 },
      { opType: 'Expand', since: 8 },
      { opType: 'GatherElements', since: 11 },
      { opType: 'GatherND', since: 11 },
      { opType: 'ScatterElements', since: 11 },
      { opType: 'ScatterND', since: 11 },
      { opType: 'Range', since: 11 },
      { opType: 'Compress', since: 9 },
      { opType: 'ReverseSequence', since: 10 },
      { opType: 'Trilu', since: 14 },
      { opType: 'CastLike', since: 15 },
    ],
    'no arithmetic counted (data movement, shape query or cast)',
  ),
  ...['If', 'Loop', 'Scan'].map(
    (opType): CostHandler => ({
      domain: '',
      opType,
      since: 1,
      rule: 'unknown: ops inside subgraphs are not counted (iteration counts are data-dependent)',
      count: () => uncounted(`${opType} subgraphs are not counted; the figure would depend on runtime data`),
    }),
  ),
];
