import { cityKey } from '../domain/city.ts';
import { normalisedEmail } from '../domain/email-address.ts';
import {
  AccountSuspendedError,
  EmailTakenError,
  InvalidCredentialsError,
  PasswordMismatchError,
} from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UserRepository } from '../ports/user-repository.ts';
import type { AccountLinks } from './account-links.ts';

export interface SignUpInput {
  firstName: string;
  lastName: string;
  email: string;
  password1: string;
  password2: string;
  city: string;
  country: string;
  /** Where the sign-up came from; only its network is stored. */
  clientAddress?: string | undefined;
  /** The shared video's page the confirmation link leads back to, when signing up to vote. */
  returnTo?: string | undefined;
}

export class AuthService {
  readonly #users: UserRepository;
  readonly #hasher: PasswordHasher;
  /** Verified against when the email is unknown, so both answers take a bcrypt's time. */
  #decoyHash: Promise<string> | undefined;

  readonly #links: AccountLinks;

  constructor(users: UserRepository, hasher: PasswordHasher, links: AccountLinks) {
    this.#users = users;
    this.#hasher = hasher;
    this.#links = links;
  }

  /** Returns the new player's id; the confirmation link is mailed with the account's creation. */
  async signUp(input: SignUpInput): Promise<string> {
    if (input.password1 !== input.password2) throw new PasswordMismatchError('passwords differ');
    const id = newId();
    const email = input.email.toLowerCase();
    const user = {
      id,
      firstName: input.firstName,
      lastName: input.lastName,
      email,
      emailNormalised: normalisedEmail(email),
      passwordHash: await this.#hasher.hash(input.password1),
      city: input.city,
      cityKey: cityKey(input.city),
      country: input.country,
      signupAddress: input.clientAddress ?? null,
    };
    const outcome = await this.#users.insert(user, await this.#links.make('verify_email', user, input.returnTo));
    if (outcome === 'email_taken') throw new EmailTakenError('email already registered');
    return id;
  }

  /** The player's id and token generation when the credentials match. */
  async logIn(email: string, password: string): Promise<{ playerId: string; generation: number }> {
    const credentials = await this.#users.findCredentials(email.toLowerCase());
    const hash = credentials?.passwordHash ?? (await this.#decoy());
    const matches = await this.#hasher.verify(password, hash);
    if (!credentials || !matches) throw new InvalidCredentialsError('invalid credentials');
    // Told only to whoever knows the password: a suspension is nobody else's business.
    if (credentials.suspended) throw new AccountSuspendedError('account suspended');
    return { playerId: credentials.id, generation: credentials.tokenGeneration };
  }

  #decoy(): Promise<string> {
    this.#decoyHash ??= this.#hasher.hash(`decoy-${newId()}`);
    return this.#decoyHash;
  }
}
