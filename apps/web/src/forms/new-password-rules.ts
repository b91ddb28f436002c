import { accountRules, accountTexts, passwordBytes } from '@anb/core/account-rules';
import type { FieldErrors } from './field-errors.ts';

export type NewPasswordField = 'password1' | 'password2';

const { passwordMinLength, passwordMaxBytes } = accountRules;
const { missing } = accountTexts;

/** A new password and its repetition, by the sign-up rules: every form that sets a password applies the same. */
export function newPasswordProblems(input: Record<NewPasswordField, string>): FieldErrors<NewPasswordField> {
  const errors: FieldErrors<NewPasswordField> = {};
  if (!input.password1) errors.password1 = missing.password1;
  else if (input.password1.length < passwordMinLength) {
    errors.password1 = accountTexts.passwordTooShort(passwordMinLength);
  } else if (passwordBytes(input.password1) > passwordMaxBytes) {
    errors.password1 = accountTexts.passwordTooLong(passwordMaxBytes);
  }
  if (!input.password2) errors.password2 = missing.password2;
  else if (input.password1 && input.password2 !== input.password1) errors.password2 = accountTexts.passwordsDiffer;
  return errors;
}
