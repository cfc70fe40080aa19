/**
 * What a job cancelled through the API records as its error. The code is not in `@whittle/shared`'s `JobErrorCode`
 * yet; it belongs there once the web app keys a message on it.
 * @public
 */
export const JOB_CANCELLED = { code: 'JOB_ERR_CANCELLED', message: 'Cancelled by the user' } as const;
