import { cityKey } from '../domain/city.ts';
import { EmailTakenError, InvalidCredentialsError, PasswordMismatchError } from '../domain/errors.ts';
import { newId } from '../domain/ids.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UserRepository } from '../ports/user-repository.ts';

export interface SignUpInput {
  firstName: string;
  lastName: string;
  email: string;
  password1: string;
  password2: string;
  city: string;
  country: string;
}

export class AuthService {
  readonly #users: UserRepository;
  readonly #hasher: PasswordHasher;
  /** Verified against when the email is unknown, so both answers take a bcrypt's time. */
  #decoyHash: Promise<string> | undefined;

  constructor(users: UserRepository, hasher: PasswordHasher) {
    this.#users = users;
    this.#hasher = hasher;
  }

  /** Returns the new player's id. */
  async signUp(input: SignUpInput): Promise<string> {
    if (input.password1 !== input.password2) throw new PasswordMismatchError('passwords differ');
    const id = newId();
    const outcome = await this.#users.insert({
      id,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email.toLowerCase(),
      passwordHash: await this.#hasher.hash(input.password1),
      city: input.city,
      cityKey: cityKey(input.city),
      country: input.country,
    });
    if (outcome === 'email_taken') throw new EmailTakenError('email already registered');
    return id;
  }

  /** Returns the player's id when the credentials match. */
  async logIn(email: string, password: string): Promise<string> {
    const credentials = await this.#users.findCredentials(email.toLowerCase());
    const hash = credentials?.passwordHash ?? (await this.#decoy());
    const matches = await this.#hasher.verify(password, hash);
    if (!credentials || !matches) throw new InvalidCredentialsError('invalid credentials');
    return credentials.id;
  }

  /** A signed token outlives its account when the database is reset or the account removed. */
  isRegistered(playerId: string): Promise<boolean> {
    return this.#users.exists(playerId);
  }

  #decoy(): Promise<string> {
    this.#decoyHash ??= this.#hasher.hash(`decoy-${newId()}`);
    return this.#decoyHash;
  }
}
