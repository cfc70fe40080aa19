import { ArtifactStoreError, ArtifactStoreErrorCode } from './artifact-store-error.ts';

/**
 * Configuration of {@link createS3ArtifactStore}. Passed in by the app's env.ts; nothing here reads `process.env`.
 * @public
 */
export interface S3ArtifactStoreConfig {
  /** Base URL of an S3-compatible server (`http://minio:9000`); omit for AWS S3 itself. */
  readonly endpoint?: string;
  readonly region: string;
  readonly bucket: string;
  /** Prepended to every object name, e.g. `whittle/`. Default: none. */
  readonly prefix?: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`; most self-hosted servers need it. Default false. */
  readonly forcePathStyle?: boolean;
  /**
   * Local directory where `put` spools the content while hashing it (the key is the hash, so it is known only at
   * the end). Needs room for the largest concurrent uploads. `sweepTemp` removes only files the store named.
   */
  readonly tempDir: string;
  /** Attempts per request, first included, for network errors, 5xx and throttling. Default 3. */
  readonly maxAttempts?: number;
  /** Multipart part size in bytes, at least 5 MiB (S3's minimum). Default 8 MiB. */
  readonly partSizeBytes?: number;
  /** Parts uploaded in parallel; memory per put is about `queueSize + 1` parts. Default 2. */
  readonly queueSize?: number;
  /** Give up connecting after this many milliseconds. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /**
   * Fail a request whose socket has been silent this long (a server that stopped answering). This also applies to
   * a `get` stream its consumer leaves paused. 0 disables it. Default 120 000.
   */
  readonly idleTimeoutMs?: number;
}

/** {@link S3ArtifactStoreConfig} with defaults applied and every value checked. */
export interface ResolvedS3Config {
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly forcePathStyle: boolean;
  readonly tempDir: string;
  readonly maxAttempts: number;
  readonly partSizeBytes: number;
  readonly queueSize: number;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

const mebibyte = 1024 * 1024;
/** S3 refuses smaller parts (except the last), and lib-storage checks it up front. */
export const minPartSizeBytes = 5 * mebibyte;
/** Object names are at most 1024 bytes; leave room for `objects/` and the 64-character key. */
const maxPrefixLength = 900;

/**
 * Checks the configuration and applies the defaults. Messages name the field, never its value: the caller may log
 * them, and some values are secrets.
 */
export function resolveS3Config(config: S3ArtifactStoreConfig): ResolvedS3Config {
  const prefix = config.prefix ?? '';
  // A leading slash or a control character makes an object name that some servers mangle or refuse.
  if (prefix.length > maxPrefixLength || prefix.startsWith('/') || hasControlCharacter(prefix)) {
    throw invalid('prefix must be at most 900 characters, must not start with "/" and must not contain control characters');
  }
  for (const [field, value] of [
    ['region', config.region],
    ['bucket', config.bucket],
    ['accessKeyId', config.accessKeyId],
    ['secretAccessKey', config.secretAccessKey],
    ['tempDir', config.tempDir],
  ] as const) {
    if (typeof value !== 'string' || value === '') throw invalid(`${field} must be a non-empty string`);
  }
  if (config.endpoint !== undefined && !isHttpUrl(config.endpoint)) {
    throw invalid('endpoint must be an http or https URL');
  }
  return {
    endpoint: config.endpoint,
    region: config.region,
    bucket: config.bucket,
    prefix,
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    forcePathStyle: config.forcePathStyle ?? false,
    tempDir: config.tempDir,
    maxAttempts: integerAtLeast('maxAttempts', config.maxAttempts ?? 3, 1),
    partSizeBytes: integerAtLeast('partSizeBytes', config.partSizeBytes ?? 8 * mebibyte, minPartSizeBytes),
    queueSize: integerAtLeast('queueSize', config.queueSize ?? 2, 1),
    connectTimeoutMs: integerAtLeast('connectTimeoutMs', config.connectTimeoutMs ?? 10_000, 1),
    idleTimeoutMs: integerAtLeast('idleTimeoutMs', config.idleTimeoutMs ?? 120_000, 0),
  };
}

function integerAtLeast(field: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) throw invalid(`${field} must be an integer of at least ${minimum}`);
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function invalid(what: string): ArtifactStoreError {
  return new ArtifactStoreError(ArtifactStoreErrorCode.InvalidOption, `Invalid S3 artifact store configuration: ${what}.`);
}
