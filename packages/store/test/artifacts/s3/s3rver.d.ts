// s3rver 3.7 ships no types; this declares the part the tests use.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    readonly address?: string;
    /** 0 picks a free port; `run()` resolves the one it got. */
    readonly port?: number;
    readonly silent?: boolean;
    /** Where buckets and objects are stored. */
    readonly directory?: string;
    readonly resetOnClose?: boolean;
    readonly vhostBuckets?: boolean;
    readonly configureBuckets?: readonly { readonly name: string }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** Set by `run()`. */
    readonly httpServer?: Server;
  }
}
