import { UsersRepo, type Db, type User } from '@whittle/store';

/** The label of the token a fresh install prints once. @public */
export const FIRST_RUN_TOKEN_LABEL = 'first-run admin';

/** @public */
export interface FirstRunAdmin {
  readonly user: User;
  /** The plaintext token: this is the only copy (the database keeps its hash). */
  readonly token: string;
}

/**
 * First run: when no admin exists, creates one with a token labelled `first-run admin` and returns the plaintext
 * once; afterwards returns undefined. One transaction, so two processes starting together create one admin on SQLite
 * (BEGIN IMMEDIATE serializes them).
 * @public
 */
export function ensureAdmin(db: Db): Promise<FirstRunAdmin | undefined> {
  return db.transaction(async (tx) => {
    const users = new UsersRepo(tx);
    if ((await users.firstAdmin()) !== undefined) return undefined;
    const user = await users.createUser({ name: 'admin', isAdmin: true });
    const { token } = await users.issueToken(user.id, FIRST_RUN_TOKEN_LABEL);
    return { user, token };
  });
}
