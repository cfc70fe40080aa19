import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import type { User } from './users-repo.ts';

/** A new browser session: `token` goes into the cookie and is not stored (only its hash is). @public */
export interface IssuedSession {
  readonly id: string;
  readonly token: string;
  readonly expiresAt: number;
}

/** `whs_` + base64url of 32 random bytes: distinct from API tokens (`wht_`), so one is never accepted as the other. */
const SESSION_PREFIX = 'whs_';
const SESSION_PATTERN = /^whs_[A-Za-z0-9_-]{43}$/;

function hash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Browser sessions (cookie → user). Stored hashed like API tokens, with an expiry; expired rows are ignored and
 * removed by {@link SessionsRepo.deleteExpired}.
 * @public
 */
export class SessionsRepo {
  constructor(private readonly db: Db) {}

  async create(userId: string, ttlMs: number): Promise<IssuedSession> {
    const id = randomUUID();
    const token = SESSION_PREFIX + randomBytes(32).toString('base64url');
    const now = Date.now();
    const expiresAt = now + ttlMs;
    await this.db.exec('INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      id,
      userId,
      hash(token),
      now,
      expiresAt,
    ]);
    return { id, token, expiresAt };
  }

  /** The session's user, or `undefined` when the token is malformed, unknown or expired. */
  async verify(token: string): Promise<User | undefined> {
    if (!SESSION_PATTERN.test(token)) return undefined;
    const row = await this.db.one<{ id: string; name: string; is_admin: number; created_at: number }>(
      `SELECT u.id, u.name, u.is_admin, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [hash(token), Date.now()],
    );
    return row === undefined ? undefined : { id: row.id, name: row.name, isAdmin: row.is_admin === 1, createdAt: row.created_at };
  }

  /** Signs a session out. False when there was none. */
  async delete(token: string): Promise<boolean> {
    if (!SESSION_PATTERN.test(token)) return false;
    return (await this.db.exec('DELETE FROM sessions WHERE token_hash = $1', [hash(token)])) === 1;
  }

  /** Removes expired sessions; resolves how many. */
  async deleteExpired(): Promise<number> {
    return this.db.exec('DELETE FROM sessions WHERE expires_at <= $1', [Date.now()]);
  }
}
