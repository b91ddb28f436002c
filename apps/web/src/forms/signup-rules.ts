import { accountRules, accountTexts, passwordBytes, type SignupField } from '@anb/core/account-rules';
import type { SignupInput } from '../api/types.ts';
import type { FieldErrors } from './field-errors.ts';

export const signupFields: readonly SignupField[] = [
  'first_name',
  'last_name',
  'email',
  'password1',
  'password2',
  'city',
  'country',
];

const { textMaxLength, emailMaxLength, emailPattern, passwordMinLength, passwordMaxBytes } = accountRules;
const { missing } = accountTexts;

/** Core's account rules and texts, the ones the API's schema applies: most mistakes are caught before sending. */
export function validateSignup(input: SignupInput): FieldErrors<SignupField> {
  const errors: FieldErrors<SignupField> = {};
  for (const field of ['first_name', 'last_name', 'city', 'country'] as const) {
    const value = input[field].trim();
    if (!value) errors[field] = missing[field];
    else if (value.length > textMaxLength) errors[field] = accountTexts.tooLong(textMaxLength);
  }
  const email = input.email.trim();
  if (!email) errors.email = missing.email;
  else if (email.length > emailMaxLength || !emailPattern.test(email)) errors.email = accountTexts.invalidEmail;
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
