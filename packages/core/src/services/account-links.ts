import { accountLinkMail } from '../domain/account-mails.ts';
import {
  accountLinkLifetimes,
  accountLinkPages,
  linkReturnParameter,
  linkReturnPathPattern,
  type AccountLinkPurpose,
} from '../domain/account-security-texts.ts';
import { AccountLinkRefusedError } from '../domain/errors.ts';
import type { AccountLinkRepository } from '../ports/account-link-repository.ts';
import type { LinkToSend } from '../ports/user-repository.ts';

export interface AccountLinksDeps {
  links: AccountLinkRepository;
  /** The web app's origin (PUBLIC_BASE_URL): the pages the links open live there. */
  webBaseUrl: string;
  now: () => Date;
}

/** Makes the single-use links mailed to an account, and spends them. */
export class AccountLinks {
  readonly #deps: AccountLinksDeps;

  constructor(deps: AccountLinksDeps) {
    this.#deps = deps;
  }

  /**
   * A fresh link for `account` and the mail carrying it; only the token's hash is to be stored.
   * `returnTo` (a shared video's page) is where the web page goes once the link is used.
   */
  async make(
    purpose: AccountLinkPurpose,
    account: { email: string; firstName: string },
    returnTo?: string,
  ): Promise<LinkToSend> {
    const token = randomToken();
    const url = new URL(accountLinkPages[purpose], this.#deps.webBaseUrl);
    url.searchParams.set('token', token);
    if (returnTo !== undefined && linkReturnPathPattern.test(returnTo))
      url.searchParams.set(linkReturnParameter, returnTo);
    const expiresAt = new Date(this.#deps.now().getTime() + accountLinkLifetimes[purpose] * 1000);
    return {
      link: { tokenHash: await tokenHash(token), purpose, expiresAt },
      mail: accountLinkMail(purpose, { to: account.email, firstName: account.firstName, link: url.toString() }),
    };
  }

  /** Spends the link's token; returns its account, or throws why it cannot be used. */
  async use(purpose: AccountLinkPurpose, token: string): Promise<string> {
    // Not one of ours: answered as invalid without a database round trip.
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AccountLinkRefusedError(purpose, 'invalid');
    const outcome = await this.#deps.links.use(await tokenHash(token), purpose, this.#deps.now());
    if ('fault' in outcome) throw new AccountLinkRefusedError(purpose, outcome.fault);
    return outcome.userId;
  }
}

/** 32 random bytes, base64url: 43 characters, unguessable. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Buffer.from(bytes).toString('base64url');
}

export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Buffer.from(digest).toString('hex');
}
