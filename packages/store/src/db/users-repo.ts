import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.ts';

/**
 * A studio user.
 * @public
 */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly isAdmin: boolean;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/**
 * A freshly issued API token. `token` is the only copy of the plaintext: the database keeps its hash.
 * @public
 */
export interface IssuedToken {
  readonly id: string;
  readonly token: string;
}

/** Listing view of a token: never the hash, never the plaintext. @public */
export interface TokenInfo {
  readonly id: string;
  readonly label: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

interface UserRow {
  id: string;
  name: string;
  is_admin: number;
  created_at: number;
}

/** Prefix that makes leaked tokens recognizable to secret scanners and humans. */
const TOKEN_PREFIX = 'wht_';
/** `wht_` + base64url of 32 random bytes (43 characters). */
const TOKEN_PATTERN = /^wht_[A-Za-z0-9_-]{43}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function toUser(row: UserRow): User {
  return { id: row.id, name: row.name, isAdmin: row.is_admin === 1, createdAt: row.created_at };
}

/**
 * Users and their API tokens.
 * @public
 */
export class UsersRepo {
  constructor(private readonly db: Db) {}

  /** Creates a user with a server-generated id. */
  async createUser(input: { readonly name: string; readonly isAdmin?: boolean }): Promise<User> {
    const row: UserRow = { id: randomUUID(), name: input.name, is_admin: input.isAdmin === true ? 1 : 0, created_at: Date.now() };
    await this.db.exec('INSERT INTO users (id, name, is_admin, created_at) VALUES ($1, $2, $3, $4)', [
      row.id,
      row.name,
      row.is_admin,
      row.created_at,
    ]);
    return toUser(row);
  }

  /** The user with this id, or `undefined`. */
  async getUser(id: string): Promise<User | undefined> {
    const row = await this.db.one<UserRow>('SELECT id, name, is_admin, created_at FROM users WHERE id = $1', [id]);
    return row === undefined ? undefined : toUser(row);
  }

  /** The first admin by creation time (the first-run path checks whether one exists). */
  async firstAdmin(): Promise<User | undefined> {
    const row = await this.db.one<UserRow>(
      'SELECT id, name, is_admin, created_at FROM users WHERE is_admin = 1 ORDER BY created_at, id LIMIT 1',
    );
    return row === undefined ? undefined : toUser(row);
  }

  /**
   * Issues a random token for `userId`. Only the SHA-256 of the token is stored; the returned plaintext
   * cannot be recovered later.
   */
  async issueToken(userId: string, label: string): Promise<IssuedToken> {
    const id = randomUUID();
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await this.db.exec(
      'INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)',
      [id, userId, hashToken(token), label, Date.now()],
    );
    return { id, token };
  }

  /** The user a presented token belongs to, or `undefined` when it is unknown, malformed or revoked. */
  async verifyToken(token: string): Promise<User | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const hash = hashToken(token);
    const row = await this.db.one<UserRow & { token_hash: string }>(
      `SELECT u.id, u.name, u.is_admin, u.created_at, t.token_hash
         FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hash],
    );
    if (row === undefined) return undefined;
    // The index lookup already matched; the constant-time comparison keeps the check itself free of a
    // byte-by-byte timing signal should the lookup ever become a prefix or case-insensitive match.
    const matches = timingSafeEqual(Buffer.from(row.token_hash, 'hex'), Buffer.from(hash, 'hex'));
    return matches ? toUser(row) : undefined;
  }

  /** Revokes one of `userId`'s tokens. False when there is no such live token of that user. */
  async revokeToken(tokenId: string, userId: string): Promise<boolean> {
    const changed = await this.db.exec(
      'UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL',
      [Date.now(), tokenId, userId],
    );
    return changed === 1;
  }

  /** `userId`'s tokens, oldest first, without secrets. */
  async listTokens(userId: string): Promise<TokenInfo[]> {
    const rows = await this.db.query<{ id: string; label: string; created_at: number; revoked_at: number | null }>(
      'SELECT id, label, created_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at, id',
      [userId],
    );
    return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at }));
  }
}
