import type { AccountRole } from '../domain/account-role.ts';
import type { MailMessage } from './mailer.ts';

export interface NewUser {
  id: string;
  firstName: string;
  lastName: string;
  /** Already lower-cased; mail goes here. */
  email: string;
  /** The mailbox it delivers to (normalisedEmail): one account per mailbox. */
  emailNormalised: string;
  passwordHash: string;
  city: string;
  cityKey: string;
  country: string;
  /** The client's address at sign-up; the repository keeps only its network (/24, /64), never the address. */
  signupAddress: string | null;
}

/** A single-use link stored with the account that receives it, and the mail that carries it. */
export interface LinkToSend {
  link: NewAccountLink;
  mail: MailMessage;
}

export interface NewAccountLink {
  /** SHA-256 of the token, hex: the token itself is only in the mail. */
  tokenHash: string;
  purpose: 'verify_email' | 'reset_password';
  expiresAt: Date;
}

/** An account as its owner sees it, and what decides whether its tokens and votes count. */
export interface Account {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  city: string;
  country: string;
  emailVerified: boolean;
  /** Tokens carry the generation they were issued in; raising it refuses every older token. */
  tokenGeneration: number;
  role: AccountRole;
}

export interface UserRepository {
  /**
   * Creates the account together with its verification link and mail (one transaction), or answers
   * `email_taken` when another account has the address or the mailbox (unique indexes).
   */
  insert(user: NewUser, verification: LinkToSend): Promise<'created' | 'email_taken'>;
  findCredentials(
    email: string,
  ): Promise<{ id: string; passwordHash: string; tokenGeneration: number; suspended: boolean } | undefined>;
  findAccount(id: string): Promise<Account | undefined>;
  findByNormalisedEmail(emailNormalised: string): Promise<Account | undefined>;
  passwordHash(id: string): Promise<string | undefined>;
  /** Stores a link for an existing account and queues its mail, in one transaction. */
  addLink(userId: string, link: LinkToSend): Promise<void>;
  /** Sets the password and raises the token generation; returns the new generation (undefined: no account). */
  replacePassword(id: string, passwordHash: string): Promise<number | undefined>;
  /** Raises the token generation (sign out everywhere); returns the new one. */
  raiseTokenGeneration(id: string): Promise<number | undefined>;
  markEmailVerified(id: string): Promise<void>;
}
