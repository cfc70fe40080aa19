import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/index.ts';
import { sqliteHarness } from './harness.ts';
import { defineDbSuite } from './suite.ts';

describe('metadata on SQLite', () => {
  defineDbSuite(sqliteHarness);
});

describe('SQLite connection settings', () => {
  const harness = sqliteHarness();
  afterAll(() => harness.cleanup());

  it('runs in WAL mode with a busy timeout, foreign keys and synchronous NORMAL', async () => {
    const db = await harness.fresh();
    await migrate(db);
    expect(db.dialect).toBe('sqlite');
    expect(await db.one('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await db.one('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
    expect(await db.one('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    // 1 = NORMAL.
    expect(await db.one('PRAGMA synchronous')).toEqual({ synchronous: 1 });
    await expect(
      db.exec('INSERT INTO projects (id, owner_id, name, created_at) VALUES ($1, $2, $3, $4)', ['p', 'no-such-user', 'x', 0]),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
