import { JobErrorCode } from '@whittle/shared';

/** What a job cancelled through the API records as its error. @public */
export const JOB_CANCELLED = { code: JobErrorCode.Cancelled, message: 'Cancelled by the user' } as const;
