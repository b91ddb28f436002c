import { accountRules, accountTexts } from '@anb/core/account-rules';

const { emailMaxLength, emailPattern } = accountRules;

/** What is wrong with a typed address (the API's own check), or undefined when nothing is. */
export function emailProblem(typed: string): string | undefined {
  const email = typed.trim();
  if (!email) return accountTexts.missing.email;
  if (email.length > emailMaxLength || !emailPattern.test(email)) return accountTexts.invalidEmail;
  return undefined;
}
