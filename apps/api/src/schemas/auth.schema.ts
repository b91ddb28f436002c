import { z } from 'zod';
import { plainString } from './text.ts';

const text = (max: number) => plainString().trim().min(1).max(max);

export const signupBody = z.object({
  first_name: text(100),
  last_name: text(100),
  email: plainString().trim().max(254).pipe(z.email()),
  // bcrypt reads at most 72 bytes, and stops at a NUL; a longer password would be silently cut.
  password1: plainString()
    .min(8)
    .refine((value) => Buffer.byteLength(value) <= 72, 'máximo 72 bytes'),
  password2: plainString().min(1).max(200),
  city: text(100),
  country: text(100),
});

export const signupCreated = z.object({ message: z.string(), user_id: z.string() });

export const loginBody = z.object({
  email: plainString().trim().min(1).max(254),
  password: plainString().min(1).max(200),
});

export const loginSucceeded = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
