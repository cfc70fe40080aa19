import { jobParamsSchemas } from '@whittle/shared';
import type { Db, Job, Model } from '@whittle/store';
import { conflict } from '../http/api-error.ts';
import { reposOf } from '../plugins/db.ts';

/** @public */
export interface RecordedUpload {
  readonly model: Model;
  readonly job: Job;
  /** False when the idempotency key returned an earlier upload. */
  readonly created: boolean;
}

/** Thrown inside the transaction to roll back the new model when the key already names a job. */
class Replay extends Error {
  constructor(readonly job: Job) {
    super('idempotent replay');
  }
}

/**
 * Records a stored upload: the model row (`validating`) and its `analyze` job, in one transaction. With an
 * idempotency key used before in the project, nothing new is kept and the first upload's model and job come back
 * (catalogue a.1 row 18: double click, client retry).
 * @public
 */
export async function recordUpload(
  db: Db,
  input: {
    projectId: string;
    displayName: string;
    artifactKey: string;
    sha256: string;
    sizeBytes: number;
    idempotencyKey: string | undefined;
  },
): Promise<RecordedUpload> {
  try {
    return await db.transaction(async (tx) => {
      const repos = reposOf(tx);
      const model = await repos.models.create({
        projectId: input.projectId,
        displayName: input.displayName,
        sha256: input.sha256,
        sizeBytes: input.sizeBytes,
        artifactKey: input.artifactKey,
      });
      const { job, created } = await repos.jobs.create({
        projectId: input.projectId,
        kind: 'analyze',
        payload: { modelId: model.id },
        idempotencyKey: input.idempotencyKey ?? null,
      });
      if (!created) throw new Replay(job);
      return { model, job, created: true };
    });
  } catch (error) {
    if (!(error instanceof Replay)) throw error;
    return replayed(db, error.job);
  }
}

async function replayed(db: Db, job: Job): Promise<RecordedUpload> {
  const payload = jobParamsSchemas.analyze.safeParse(job.payload);
  const model = job.kind === 'analyze' && payload.success ? await reposOf(db).models.get(payload.data.modelId) : undefined;
  if (model === undefined) throw conflict('This Idempotency-Key was already used for another request in this project');
  return { model, job, created: false };
}
