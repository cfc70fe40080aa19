import { S3Client } from '@aws-sdk/client-s3';
import type { ResolvedS3Config } from './s3-artifact-store-config.ts';

/** The SDK client for one store. Credentials are static: rotating them means creating a new store. */
export function createS3Client(config: ResolvedS3Config): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: config.maxAttempts,
    requestHandler: {
      connectionTimeout: config.connectTimeoutMs,
      // An idle-socket timeout, not a whole-request one: a multi-gigabyte part may rightly take minutes.
      socketTimeout: config.idleTimeoutMs,
    },
    // Since 2025 the SDK adds CRC32 checksums (aws-chunked trailers) by default, which several S3-compatible servers
    // reject or store verbatim. Send them only where the API requires them: TLS protects the transfer, and the key
    // is the content's SHA-256, so a reader can always check what it got.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
