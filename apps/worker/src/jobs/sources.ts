/** A job's source must exist, belong to the job's project and be ready; otherwise the job fails at once. */
import { JobErrorCode } from '@whittle/shared';
import type { Model, Variant } from '@whittle/store';
import { JobFailure } from './job-errors.ts';
import type { Delivery } from './delivery.ts';

export interface ReadySource {
  readonly variant: Variant & { readonly artifactKey: string };
  readonly model: Model;
}

export async function loadReadySource(delivery: Delivery, variantId: string): Promise<ReadySource> {
  const { variants, models } = delivery.deps;
  const variant = await variants.get(variantId);
  // Another project's variant reads as missing: the API checked ownership, the worker checks it again.
  if (variant === undefined || variant.projectId !== delivery.job.projectId) {
    throw new JobFailure(JobErrorCode.SourceNotReady, 'The source variant does not exist.');
  }
  if (variant.status !== 'ready' || variant.artifactKey === null) {
    throw new JobFailure(JobErrorCode.SourceNotReady, `The source variant is ${variant.status}, not ready.`);
  }
  const model = await models.get(variant.modelId);
  if (model?.status !== 'ready') throw new JobFailure(JobErrorCode.SourceNotReady, 'The source variant\'s model is not ready.');
  return { variant: { ...variant, artifactKey: variant.artifactKey }, model };
}
