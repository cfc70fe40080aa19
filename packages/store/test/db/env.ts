/**
 * The PostgreSQL the integration tests use. CI and the dev machine run one on 127.0.0.1:5432 with trust auth;
 * override with WHITTLE_TEST_DATABASE_URL.
 */
export const TEST_DATABASE_URL = process.env['WHITTLE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
