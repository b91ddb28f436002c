import type { AccountLinkFault, AccountLinkPurpose } from '../domain/account-security-texts.ts';

export interface AccountLinkRepository {
  /** Marks the link used and names its account, atomically: two clicks cannot both use it. */
  use(
    tokenHash: string,
    purpose: AccountLinkPurpose,
    now: Date,
  ): Promise<{ userId: string } | { fault: AccountLinkFault }>;
  /** Removes links that expired before `before`; returns how many. */
  removeExpired(before: Date): Promise<number>;
}
