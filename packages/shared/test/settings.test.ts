/** The settings the API and the workers share: defaults, blanks, bounds, and messages that name the variable. */
import { describe, expect, it } from 'vitest';
import {
  dataDirSetting,
  integerSetting,
  postgresUrlSetting,
  queuePrefixSetting,
  redisUrlSetting,
  settingValue,
} from '../src/settings.ts';
import { DEFAULT_QUEUE_PREFIX } from '../src/studio/queues.ts';

describe('settingValue', () => {
  it('trims, and treats unset and blank alike', () => {
    expect(settingValue({ A: '  x  ' }, 'A')).toBe('x');
    expect(settingValue({ A: ' \t' }, 'A')).toBeUndefined();
    expect(settingValue({ A: undefined }, 'A')).toBeUndefined();
    expect(settingValue({}, 'A')).toBeUndefined();
  });
});

describe('integerSetting', () => {
  it('falls back when unset or blank, and reads digits within the bounds', () => {
    expect(integerSetting({}, 'N', 7, 1, 10)).toBe(7);
    expect(integerSetting({ N: ' ' }, 'N', 7, 1, 10)).toBe(7);
    expect(integerSetting({ N: ' 10 ' }, 'N', 7, 1, 10)).toBe(10);
  });

  it.each(['0', '11', '1.5', '1e1', '0x5', '-1', 'ten'])('refuses N=%s, naming the variable, the bounds and the value', (raw) => {
    expect(() => integerSetting({ N: raw }, 'N', 7, 1, 10)).toThrow(`N must be an integer from 1 to 10, found "${raw}"`);
  });
});

describe('redisUrlSetting', () => {
  it('defaults to a local Redis and accepts redis:// and rediss://', () => {
    expect(redisUrlSetting({})).toBe('redis://127.0.0.1:6379');
    expect(redisUrlSetting({ REDIS_URL: 'rediss://:pw@redis.internal:6380/2' })).toBe('rediss://:pw@redis.internal:6380/2');
  });

  it.each(['http://:hunter2@redis', 'redis://:hunter2@[bad'])('refuses %s without echoing it', (raw) => {
    expect(() => redisUrlSetting({ REDIS_URL: raw })).toThrow(/^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/);
  });
});

describe('queuePrefixSetting', () => {
  it('defaults to the shared prefix and accepts BullMQ-safe names', () => {
    expect(queuePrefixSetting({})).toBe(DEFAULT_QUEUE_PREFIX);
    expect(queuePrefixSetting({ WHITTLE_QUEUE_PREFIX: 'staging_2.a-b' })).toBe('staging_2.a-b');
  });

  it.each(['a:b', 'a b', 'x'.repeat(65)])('refuses %s', (raw) => {
    expect(() => queuePrefixSetting({ WHITTLE_QUEUE_PREFIX: raw })).toThrow(
      `WHITTLE_QUEUE_PREFIX must be 1-64 letters, digits, '_', '.' or '-', found "${raw}"`,
    );
  });
});

describe('postgresUrlSetting', () => {
  it('is undefined when unset (SQLite) and accepts postgres:// and postgresql://', () => {
    expect(postgresUrlSetting({ DATABASE_URL: '' })).toBeUndefined();
    expect(postgresUrlSetting({ DATABASE_URL: 'postgresql://u:pw@db/whittle' })).toBe('postgresql://u:pw@db/whittle');
  });

  it('refuses another scheme without echoing the URL', () => {
    expect(() => postgresUrlSetting({ DATABASE_URL: 'mysql://u:hunter2@db' })).toThrow(
      /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL \(unset it to use SQLite in the data directory\)$/,
    );
  });
});

describe('dataDirSetting', () => {
  it('returns the value as written (each app resolves it), .whittle-data by default', () => {
    expect(dataDirSetting({})).toBe('.whittle-data');
    expect(dataDirSetting({ WHITTLE_DATA_DIR: ' var/data ' })).toBe('var/data');
  });
});
