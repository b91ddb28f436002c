import type { AccountRole } from '../domain/account-role.ts';

/** What an access token carries that decides whether it is still honoured. */
export interface TokenIdentity {
  playerId: string;
  /** The account's token generation when the token was issued. */
  generation: number;
  /** The token's own id (`jti`). */
  tokenId: string;
}

/** What each request needs to know about the account behind an honoured token, read afresh every time. */
export interface HonouredAccount {
  email: string;
  emailVerified: boolean;
  role: AccountRole;
  suspended: boolean;
}

export interface SessionRepository {
  /**
   * The account, when it exists, the generation is current and the token was not signed out: one indexed
   * query. Role and suspension come with it, so a revoked organiser or a suspension takes effect at once.
   */
  honouredAccount(token: TokenIdentity): Promise<HonouredAccount | undefined>;
  /** Refuses this one token until it would have expired anyway. */
  revoke(token: TokenIdentity, expiresAt: Date): Promise<void>;
  /** Forgets revocations of tokens that have expired since; returns how many. */
  removeExpired(before: Date): Promise<number>;
}
