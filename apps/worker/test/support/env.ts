/**
 * The real services the worker tests use. The development machines and CI run Redis on 127.0.0.1:6379 and
 * PostgreSQL on 127.0.0.1:5432 (database "test", trust auth); override with these variables.
 */
export const TEST_REDIS_URL = process.env['WHITTLE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const TEST_DATABASE_URL = process.env['WHITTLE_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** What a worker child process inherits from the test runner: only what finds programs and libraries. */
export function baseChildEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
