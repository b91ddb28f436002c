/** What an access token carries that decides whether it is still honoured. */
export interface TokenIdentity {
  playerId: string;
  /** The account's token generation when the token was issued. */
  generation: number;
  /** The token's own id (`jti`). */
  tokenId: string;
}

export interface SessionRepository {
  /** The account exists, the generation is current and the token was not signed out: one indexed query. */
  isHonoured(token: TokenIdentity): Promise<boolean>;
  /** Refuses this one token until it would have expired anyway. */
  revoke(token: TokenIdentity, expiresAt: Date): Promise<void>;
  /** Forgets revocations of tokens that have expired since; returns how many. */
  removeExpired(before: Date): Promise<number>;
}
