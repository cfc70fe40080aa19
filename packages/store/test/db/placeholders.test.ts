import { describe, expect, it } from 'vitest';
import { toPositional } from '../../src/db/db.ts';

describe('toPositional', () => {
  it('orders parameters by placeholder, repeats reused ones and skips literals and comments', () => {
    const sql = "SELECT $2, '$1 in text', \"$3col\" FROM t -- $1\nWHERE a = $1 AND b = $2 /* $3 */";
    expect(toPositional(sql, ['a', 'b', 'c'])).toEqual({
      sql: "SELECT ?, '$1 in text', \"$3col\" FROM t -- $1\nWHERE a = ? AND b = ? /* $3 */",
      params: ['b', 'a', 'b'],
    });
  });

  it('refuses a placeholder without a parameter', () => {
    expect(() => toPositional('SELECT $2', ['a'])).toThrow(RangeError);
  });
});
