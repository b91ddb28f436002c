import { accountRoles } from '@anb/core';
import { z } from 'zod';
import { returnTo } from './auth.schema.ts';
import { accountRules, accountSecurityTexts, accountTexts, passwordBytes } from '@anb/core';
import { plainString } from './text.ts';

const { emailMaxLength, passwordMinLength, passwordMaxBytes, emailPattern } = accountRules;

const required = (absent: string) =>
  plainString({ error: (issue) => (issue.input === undefined ? absent : undefined) }).min(1, {
    error: absent,
    abort: true,
  });

/** A new password follows the sign-up rules. */
const newPassword = (absent: string) =>
  required(absent)
    .min(passwordMinLength, accountTexts.passwordTooShort(passwordMinLength))
    .refine((value) => passwordBytes(value) <= passwordMaxBytes, accountTexts.passwordTooLong(passwordMaxBytes));

const linkToken = required(accountSecurityTexts.missingToken).max(200);

export const verifyEmailBody = z.object({ token: linkToken });

/** Ours, optional (no body at all is fine): where the new confirmation link leads back to. */
export const resendVerificationBody = z.object({ return_to: returnTo }).nullish();

export const forgotPasswordBody = z.object({
  email: required(accountTexts.missing.email)
    .trim()
    .max(emailMaxLength, accountTexts.invalidEmail)
    .pipe(z.email({ pattern: emailPattern, error: accountTexts.invalidEmail })),
});

export const resetPasswordBody = z.object({
  token: linkToken,
  password1: newPassword(accountTexts.missing.password1),
  password2: required(accountTexts.missing.password2).max(200),
});

export const changePasswordBody = z.object({
  current_password: required(accountSecurityTexts.missingCurrentPassword).max(200),
  password1: newPassword(accountTexts.missing.password1),
  password2: required(accountTexts.missing.password2).max(200),
});

export const accountMessage = z.object({ message: z.string() });

export const me = z.object({
  user_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  city: z.string(),
  country: z.string(),
  email_verified: z.boolean(),
  vote_refusal: z.enum(['EMAIL_NOT_VERIFIED', 'DISPOSABLE_EMAIL']).nullable(),
  role: z.enum(accountRoles).describe('organiser: may use /api/admin/*'),
});

export const passwordChanged = z.object({
  message: z.string(),
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
