import type { VoteRefusalCode } from '../domain/account-security-texts.ts';
import { normalisedEmail } from '../domain/email-address.ts';
import { EmailAlreadyVerifiedError, NewPasswordsDifferError, WrongPasswordError } from '../domain/errors.ts';
import type { DisposableMailDomains } from '../ports/disposable-mail-domains.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { HonouredAccount, SessionRepository, TokenIdentity } from '../ports/session-repository.ts';
import type { Account, UserRepository } from '../ports/user-repository.ts';
import type { AccountLinks } from './account-links.ts';

export interface AccountServiceDeps {
  users: UserRepository;
  sessions: SessionRepository;
  links: AccountLinks;
  hasher: PasswordHasher;
  disposableDomains: DisposableMailDomains;
  /** VOTE_REQUIRES_VERIFIED_EMAIL: false is the organiser's flow, where any account votes. */
  voteRequiresVerifiedEmail: boolean;
}

export interface AccountView extends Omit<Account, 'tokenGeneration'> {
  voteRefusal: VoteRefusalCode | null;
}

export interface NewPassword {
  password1: string;
  password2: string;
}

/** What an account's owner does to keep it theirs: confirm the e-mail, reset or change the password, sign out. */
export class AccountService {
  readonly #deps: AccountServiceDeps;

  constructor(deps: AccountServiceDeps) {
    this.#deps = deps;
  }

  /** The signed-in account; undefined when it no longer exists. */
  async me(playerId: string): Promise<AccountView | undefined> {
    const account = await this.#deps.users.findAccount(playerId);
    if (!account) return undefined;
    const { tokenGeneration: _generation, ...view } = account;
    return { ...view, voteRefusal: this.voteRefusal(account) };
  }

  /** Why this account may not vote, or null when it may. */
  voteRefusal(account: Pick<Account, 'email' | 'emailVerified'>): VoteRefusalCode | null {
    if (!this.#deps.voteRequiresVerifiedEmail) return null;
    if (this.#deps.disposableDomains.isDisposable(account.email)) return 'DISPOSABLE_EMAIL';
    return account.emailVerified ? null : 'EMAIL_NOT_VERIFIED';
  }

  async verifyEmail(token: string): Promise<void> {
    const userId = await this.#deps.links.use('verify_email', token);
    await this.#deps.users.markEmailVerified(userId);
  }

  /** Mails a new confirmation link; returns the address it went to. */
  async resendVerification(playerId: string, returnTo?: string): Promise<string> {
    const account = await this.#existing(playerId);
    if (account.emailVerified) throw new EmailAlreadyVerifiedError('email already verified');
    await this.#deps.users.addLink(account.id, await this.#deps.links.make('verify_email', account, returnTo));
    return account.email;
  }

  /** Mails a reset link when the mailbox has an account; says nothing either way. */
  async forgotPassword(email: string): Promise<void> {
    const account = await this.#deps.users.findByNormalisedEmail(normalisedEmail(email));
    if (account) await this.#deps.users.addLink(account.id, await this.#deps.links.make('reset_password', account));
  }

  /** Sets the password from a reset link; every earlier token stops working. The link also proves the mailbox. */
  async resetPassword(token: string, password: NewPassword): Promise<void> {
    assertSame(password);
    const hash = await this.#deps.hasher.hash(password.password1);
    const userId = await this.#deps.links.use('reset_password', token);
    await this.#deps.users.replacePassword(userId, hash);
    await this.#deps.users.markEmailVerified(userId);
  }

  /** Returns the new token generation: the caller's next token is the only one honoured. */
  async changePassword(playerId: string, currentPassword: string, password: NewPassword): Promise<number> {
    const current = await this.#deps.users.passwordHash(playerId);
    if (current === undefined || !(await this.#deps.hasher.verify(currentPassword, current))) {
      throw new WrongPasswordError('current password does not match');
    }
    assertSame(password);
    const generation = await this.#deps.users.replacePassword(
      playerId,
      await this.#deps.hasher.hash(password.password1),
    );
    if (generation === undefined) throw new WrongPasswordError('account removed meanwhile');
    return generation;
  }

  logOut(token: TokenIdentity, expiresAt: Date): Promise<void> {
    return this.#deps.sessions.revoke(token, expiresAt);
  }

  async logOutEverywhere(playerId: string): Promise<void> {
    await this.#deps.users.raiseTokenGeneration(playerId);
  }

  /** Checked on every authenticated request. */
  honouredAccount(token: TokenIdentity): Promise<HonouredAccount | undefined> {
    return this.#deps.sessions.honouredAccount(token);
  }

  async #existing(playerId: string): Promise<Account> {
    const account = await this.#deps.users.findAccount(playerId);
    // The token was honoured a moment ago; only a removal in between gets here.
    if (!account) throw new Error(`account ${playerId} vanished`);
    return account;
  }
}

function assertSame({ password1, password2 }: NewPassword): void {
  if (password1 !== password2) throw new NewPasswordsDifferError('new passwords differ');
}
