import { DEFAULT_QUEUE_PREFIX } from '@whittle/shared';
import type { DbConfig } from '@whittle/store';

const MIB = 1024 * 1024;

/** Requests per minute and client address. @public */
export interface RateLimits {
  /** Every route without its own limit. */
  readonly globalPerMin: number;
  /** Model and dataset uploads. */
  readonly uploadsPerMin: number;
  /** `POST /api/session` (token guessing is hopeless at 256 bits, but each attempt costs a database lookup). */
  readonly signInPerMin: number;
}

/** Server-Sent Events of job progress. @public */
export interface EventStreamSettings {
  /** How often a stream polls the database (the database, not Redis, is the truth). */
  readonly pollMs: number;
  /** Comment lines keep proxies and the socket timeout from closing an idle stream. */
  readonly heartbeatMs: number;
  /** Open streams per user; one more answers 429. */
  readonly maxStreamsPerUser: number;
}

/**
 * Everything the API needs to run. `env.ts` builds it from the environment; tests build it with {@link apiConfig},
 * so nothing in `src/` reads `process.env` but env.ts.
 * @public
 */
export interface ApiConfig {
  /** Interface to bind; loopback by default so a fresh install is not reachable from the network. */
  readonly host: string;
  /** TCP port; 0 asks the OS for a free one. */
  readonly port: number;
  /** Absolute path of the data directory (SQLite file, artifacts). */
  readonly dataDir: string;
  /** Where the metadata lives: SQLite in the data directory unless DATABASE_URL names a PostgreSQL. */
  readonly database: DbConfig;
  readonly redisUrl: string;
  /** BullMQ key prefix shared with the workers. */
  readonly queuePrefix: string;
  readonly maxModelBytes: number;
  /** Total bytes of one dataset upload (all its `.npy` parts). */
  readonly maxDatasetBytes: number;
  readonly rateLimits: RateLimits;
  /** Origins allowed to call the API from a browser; empty means same origin only. Never `*`. */
  readonly corsOrigins: readonly string[];
  /** Folder of the built web app; undefined serves the holding page at `/`. */
  readonly webRoot: string | undefined;
  /** Fastify's `trustProxy`: off unless a reverse proxy sets X-Forwarded-For (rate limits key on the client IP). */
  readonly trustProxy: boolean | string;
  /**
   * Loopback mode: a request from a loopback address whose Host is a loopback name is the local admin, no sign-in.
   * On by default when `host` is a loopback interface; never when the server listens on other interfaces.
   */
  readonly loopbackAdmin: boolean;
  /** JSON bodies; uploads have their own limits. */
  readonly bodyLimitBytes: number;
  /** Time to receive a whole request (headers and body). Non-zero against slow-body attacks. */
  readonly requestTimeoutMs: number;
  /** Socket inactivity timeout. */
  readonly connectionTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly sessionTtlMs: number;
  readonly events: EventStreamSettings;
  /**
   * The artifact-store settings (`WHITTLE_S3_*`, AWS credential names) as found in the environment; none set means
   * local files in the data directory. Read by `@whittle/store`'s openArtifactStore, like the workers do.
   */
  readonly artifactSettings: Readonly<Record<string, string | undefined>>;
}

/** The loopback interfaces: binding one of them turns loopback mode on. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Whether binding `host` keeps the server reachable from this machine only. @public */
export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

/** What a deployment or a test must say; everything else has a default. @public */
export type ApiConfigInput = Partial<Omit<ApiConfig, 'rateLimits' | 'events'>> & {
  readonly dataDir: string;
  readonly rateLimits?: Partial<RateLimits>;
  readonly events?: Partial<EventStreamSettings>;
};

/**
 * A complete configuration from the settings given and the defaults of the brief: port 8080 on 127.0.0.1, SQLite in
 * the data directory, Redis on 127.0.0.1:6379, 2 GiB models, 1 GiB datasets, 1200 requests/min (uploads 60, sign-in
 * 20), same-origin only, 1 MiB JSON bodies, 120 s request timeout, 7-day sessions.
 * @public
 */
export function apiConfig(input: ApiConfigInput): ApiConfig {
  const host = input.host ?? '127.0.0.1';
  return {
    host,
    port: input.port ?? 8080,
    dataDir: input.dataDir,
    database: input.database ?? { dataDir: input.dataDir },
    redisUrl: input.redisUrl ?? 'redis://127.0.0.1:6379',
    queuePrefix: input.queuePrefix ?? DEFAULT_QUEUE_PREFIX,
    maxModelBytes: input.maxModelBytes ?? 2048 * MIB,
    maxDatasetBytes: input.maxDatasetBytes ?? 1024 * MIB,
    rateLimits: { globalPerMin: 1200, uploadsPerMin: 60, signInPerMin: 20, ...input.rateLimits },
    corsOrigins: input.corsOrigins ?? [],
    webRoot: input.webRoot,
    trustProxy: input.trustProxy ?? false,
    loopbackAdmin: input.loopbackAdmin ?? isLoopbackBind(host),
    bodyLimitBytes: input.bodyLimitBytes ?? MIB,
    requestTimeoutMs: input.requestTimeoutMs ?? 120_000,
    connectionTimeoutMs: input.connectionTimeoutMs ?? 60_000,
    keepAliveTimeoutMs: input.keepAliveTimeoutMs ?? 5_000,
    sessionTtlMs: input.sessionTtlMs ?? 7 * 24 * 3600 * 1000,
    artifactSettings: input.artifactSettings ?? {},
    events: { pollMs: 250, heartbeatMs: 15_000, maxStreamsPerUser: 8, ...input.events },
  };
}
