/**
 * Settings the API and the workers both read, parsed the same way in both so they always agree on Redis, the queues,
 * the database and the data directory. Pure functions of the variables passed in: each app's env.ts stays the only
 * reader of `process.env` (DESIGN.md §2). Every error names the variable and what was expected.
 */
import { DEFAULT_QUEUE_PREFIX } from './studio/queues.ts';

/** Environment-style variables: `process.env` in env.ts, a plain object in tests. @public */
export type SettingsSource = Readonly<Record<string, string | undefined>>;

/** The variable's value, trimmed; undefined when unset or blank (an empty `FOO=` means "use the default"). @public */
export function settingValue(source: SettingsSource, name: string): string | undefined {
  const trimmed = source[name]?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** A whole number from `min` to `max`; `fallback` when unset. @public */
export function integerSetting(source: SettingsSource, name: string, fallback: number, min: number, max: number): number {
  const raw = settingValue(source, name);
  if (raw === undefined) return fallback;
  // Digits only: `Number` would accept '1e3', '0x10' and ' 12 '.
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, found "${raw}"`);
  }
  return value;
}

/** REDIS_URL, a local Redis by default. The message never echoes the value: it may carry a password. @public */
export function redisUrlSetting(source: SettingsSource): string {
  const raw = settingValue(source, 'REDIS_URL') ?? 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(raw) || !URL.canParse(raw)) throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  return raw;
}

/** WHITTLE_QUEUE_PREFIX, {@link DEFAULT_QUEUE_PREFIX} by default. @public */
export function queuePrefixSetting(source: SettingsSource): string {
  const raw = settingValue(source, 'WHITTLE_QUEUE_PREFIX') ?? DEFAULT_QUEUE_PREFIX;
  // BullMQ joins prefix, queue name and id with ':'; a prefix with ':' or spaces would blur the key space.
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(raw)) {
    throw new Error(`WHITTLE_QUEUE_PREFIX must be 1-64 letters, digits, '_', '.' or '-', found "${raw}"`);
  }
  return raw;
}

/** DATABASE_URL; undefined (unset) selects SQLite in the data directory. Never echoed: it may carry a password. @public */
export function postgresUrlSetting(source: SettingsSource): string | undefined {
  const raw = settingValue(source, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  if (!/^postgres(?:ql)?:\/\//.test(raw) || !URL.canParse(raw)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to use SQLite in the data directory)');
  }
  return raw;
}

/**
 * WHITTLE_DATA_DIR as written, `.whittle-data` by default. It may be relative: each app resolves it against the
 * repository root (not its working directory), so the API and the workers find the same data.
 * @public
 */
export function dataDirSetting(source: SettingsSource): string {
  return settingValue(source, 'WHITTLE_DATA_DIR') ?? '.whittle-data';
}
