import { accountTexts } from '@anb/core/account-rules';
import type { FieldErrors } from './field-errors.ts';

export type LoginField = 'email' | 'password';
export const loginFields: readonly LoginField[] = ['email', 'password'];

export function validateLogin(input: { email: string; password: string }): FieldErrors<LoginField> {
  const errors: FieldErrors<LoginField> = {};
  if (!input.email.trim()) errors.email = accountTexts.missing.email;
  if (!input.password) errors.password = accountTexts.missingLoginPassword;
  return errors;
}
