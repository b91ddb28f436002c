import { z } from 'zod';
import { accountRules, accountTexts, linkReturnPathPattern, passwordBytes, type SignupField } from '@anb/core';
import { plainString } from './text.ts';

const { textMaxLength, emailMaxLength, passwordMinLength, passwordMaxBytes, emailPattern } = accountRules;
const { missing } = accountTexts;

/** A string whose absence reads as the web app's form says it (core's texts). */
const present = (absent: string) => plainString({ error: (issue) => (issue.input === undefined ? absent : undefined) });
/** Trimmed text: blank reads as absent. */
const requiredText = (absent: string) => present(absent).trim().min(1, { error: absent, abort: true });
/** A password is taken as typed, spaces included. */
const requiredPassword = (absent: string) => present(absent).min(1, { error: absent, abort: true });

const name = (field: SignupField) =>
  requiredText(missing[field]).max(textMaxLength, accountTexts.tooLong(textMaxLength));

/** Ours: the shared video's page (`/v/{id}`, optionally `?votar=1`) the confirmation link leads back to. */
export const returnTo = z.string().regex(linkReturnPathPattern).optional().meta({
  description: 'Ours: la página de un video compartido a la que vuelve el enlace de confirmación (`/v/{id}?votar=1`).',
});

export const signupBody = z.object({
  first_name: name('first_name'),
  last_name: name('last_name'),
  email: requiredText(missing.email)
    .max(emailMaxLength, accountTexts.invalidEmail)
    .pipe(z.email({ pattern: emailPattern, error: accountTexts.invalidEmail })),
  password1: requiredPassword(missing.password1)
    .min(passwordMinLength, accountTexts.passwordTooShort(passwordMinLength))
    .refine((value) => passwordBytes(value) <= passwordMaxBytes, accountTexts.passwordTooLong(passwordMaxBytes)),
  password2: requiredPassword(missing.password2).max(200),
  city: name('city'),
  country: name('country'),
  return_to: returnTo,
});

export const signupCreated = z.object({ message: z.string(), user_id: z.string() });

export const loginBody = z.object({
  email: requiredText(missing.email).max(emailMaxLength),
  password: requiredPassword(accountTexts.missingLoginPassword).max(200),
});

export const loginSucceeded = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
