/**
 * The PostgreSQL the integration tests use: 127.0.0.1:5432, database `test`, user `postgres`, trust auth (CI and the
 * dev machines run one); override with WHITTLE_TEST_DATABASE_URL.
 */
export const TEST_DATABASE_URL = process.env['WHITTLE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The Redis the tests share with other test files (each file uses its own key prefix; never FLUSHALL). */
export const TEST_REDIS_URL = process.env['WHITTLE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** PATH for child processes the tests start (they get nothing else from this environment). */
export const TEST_PATH = process.env['PATH'] ?? '';
