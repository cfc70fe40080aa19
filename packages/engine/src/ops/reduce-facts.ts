/**
 * The Reduce* family, with the opset from which `axes` is an input instead of an attribute (ReduceSum moved at 13,
 * the rest at 18). One table for every handler family that needs it (shape inference, pruning).
 */
export const REDUCE_OPS: readonly (readonly [opType: string, axesInputSince: number])[] = [
  ['ReduceMean', 18],
  ['ReduceSum', 13],
  ['ReduceMax', 18],
  ['ReduceMin', 18],
  ['ReduceProd', 18],
  ['ReduceL1', 18],
  ['ReduceL2', 18],
  ['ReduceLogSum', 18],
  ['ReduceLogSumExp', 18],
  ['ReduceSumSquare', 18],
];
