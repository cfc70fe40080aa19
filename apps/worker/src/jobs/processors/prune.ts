/** prune: one new variant (step 1, parent = the source variant). A one-step recipe. */
import type { JobParams, JobResult } from '@whittle/shared';
import type { Delivery } from '../delivery.ts';
import { runSteps } from '../run-steps.ts';
import type { ProcessorEntry } from './processor.ts';

function process(delivery: Delivery, params: JobParams<'prune'>): Promise<JobResult> {
  const { variantId, plan, foldBatchNorm, inputShapes } = params;
  return runSteps(delivery, variantId, [{ kind: 'prune', plan, foldBatchNorm, ...(inputShapes !== undefined && { inputShapes }) }]);
}

export const pruneProcessor: ProcessorEntry<'prune'> = { process };
