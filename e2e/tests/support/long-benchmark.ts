import { PADDLE_CLS } from './paddle.ts';

/**
 * Parameters of a benchmark job that runs about `seconds` on the PaddleOCR classifier: the seconds cap ends it, and a
 * near-zero tolerance keeps it from stopping early as stable. Long enough to crash or cancel something meanwhile.
 * @public
 */
export function longBenchmarkParams(variantId: string, seconds: number): Record<string, unknown> {
  return {
    variantId,
    batchSizes: [8],
    warmupRuns: 1,
    minRuns: 3,
    maxRuns: 100_000,
    maxSecondsPerSeries: seconds,
    stabilityTolerance: 1e-9,
    inputShapes: { x: PADDLE_CLS.shape },
  };
}
