import bcrypt from 'bcrypt';
import type { PasswordHasher } from '@anb/core';

/** Native bcrypt on libuv's thread pool, so hashing never blocks the event loop. */
export class BcryptPasswordHasher implements PasswordHasher {
  readonly #cost: number;

  constructor(cost: number) {
    this.#cost = cost;
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.#cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}
