/** recipe: its steps in order on the source variant (run-steps.ts). */
import type { JobParams, JobResult } from '@whittle/shared';
import type { Delivery } from '../delivery.ts';
import { runSteps } from '../run-steps.ts';
import type { ProcessorEntry } from './processor.ts';

function process(delivery: Delivery, params: JobParams<'recipe'>): Promise<JobResult> {
  return runSteps(delivery, params.variantId, params.recipe.steps);
}

export const recipeProcessor: ProcessorEntry<'recipe'> = { process };
