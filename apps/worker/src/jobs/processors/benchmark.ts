/** benchmark: one benchmark row for the source variant on this worker's device. A one-step recipe. */
import type { JobParams, JobResult } from '@whittle/shared';
import type { Delivery } from '../delivery.ts';
import { benchmarkSettings, runSteps } from '../run-steps.ts';
import type { ProcessorEntry } from './processor.ts';

function process(delivery: Delivery, params: JobParams<'benchmark'>): Promise<JobResult> {
  return runSteps(delivery, params.variantId, [{ kind: 'benchmark', ...benchmarkSettings(params) }]);
}

export const benchmarkProcessor: ProcessorEntry<'benchmark'> = { process };
