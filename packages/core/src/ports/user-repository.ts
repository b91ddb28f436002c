export interface NewUser {
  id: string;
  firstName: string;
  lastName: string;
  /** Already lower-cased. */
  email: string;
  passwordHash: string;
  city: string;
  cityKey: string;
  country: string;
}

export interface UserRepository {
  /** `email_taken` when another account has the email (enforced by a unique index). */
  insert(user: NewUser): Promise<'created' | 'email_taken'>;
  findCredentials(email: string): Promise<{ id: string; passwordHash: string } | undefined>;
  exists(id: string): Promise<boolean>;
}
