import { accountRules, accountTexts, type SignupField } from '@anb/core/account-rules';
import type { SignupInput } from '../api/types.ts';
import { emailProblem } from './email-rules.ts';
import type { FieldErrors } from './field-errors.ts';
import { newPasswordProblems } from './new-password-rules.ts';

export const signupFields: readonly SignupField[] = [
  'first_name',
  'last_name',
  'email',
  'password1',
  'password2',
  'city',
  'country',
];

const { textMaxLength } = accountRules;
const { missing } = accountTexts;

/** Core's account rules and texts, the ones the API's schema applies: most mistakes are caught before sending. */
export function validateSignup(input: SignupInput): FieldErrors<SignupField> {
  const errors: FieldErrors<SignupField> = {};
  for (const field of ['first_name', 'last_name', 'city', 'country'] as const) {
    const value = input[field].trim();
    if (!value) errors[field] = missing[field];
    else if (value.length > textMaxLength) errors[field] = accountTexts.tooLong(textMaxLength);
  }
  const email = emailProblem(input.email);
  if (email) errors.email = email;
  return { ...errors, ...newPasswordProblems(input) };
}
