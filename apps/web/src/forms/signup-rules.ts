import type { SignupInput } from '../api/types.ts';
import type { FieldErrors } from './field-errors.ts';

export type SignupField = keyof SignupInput;

export const signupFields: readonly SignupField[] = [
  'first_name',
  'last_name',
  'email',
  'password1',
  'password2',
  'city',
  'country',
];

// The same rules as the API's signup schema (apps/api/src/schemas/auth.schema.ts), so most
// mistakes are caught before sending; the API stays the judge.
const TEXT_MAX = 100;
const EMAIL_MAX = 254;
const PASSWORD_MIN = 8;
const PASSWORD_MAX_BYTES = 72;
// zod's email pattern, the one the API applies.
const EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)([A-Za-z0-9_'+\-.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

const missing: Record<SignupField, string> = {
  first_name: 'Escribe tu nombre.',
  last_name: 'Escribe tu apellido.',
  email: 'Escribe tu correo electrónico.',
  password1: 'Escribe una contraseña.',
  password2: 'Repite la contraseña.',
  city: 'Escribe tu ciudad.',
  country: 'Escribe tu país.',
};

export function validateSignup(input: SignupInput): FieldErrors<SignupField> {
  const errors: FieldErrors<SignupField> = {};
  for (const field of ['first_name', 'last_name', 'city', 'country'] as const) {
    const value = input[field].trim();
    if (!value) errors[field] = missing[field];
    else if (value.length > TEXT_MAX) errors[field] = `Máximo ${TEXT_MAX} caracteres.`;
  }
  const email = input.email.trim();
  if (!email) errors.email = missing.email;
  else if (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)) {
    errors.email = 'Escribe un correo válido, por ejemplo ana@ejemplo.com.';
  }
  if (!input.password1) errors.password1 = missing.password1;
  else if (input.password1.length < PASSWORD_MIN) {
    errors.password1 = `La contraseña debe tener al menos ${PASSWORD_MIN} caracteres.`;
  } else if (new TextEncoder().encode(input.password1).length > PASSWORD_MAX_BYTES) {
    errors.password1 = `La contraseña no puede superar ${PASSWORD_MAX_BYTES} bytes (las tildes y eñes cuentan doble).`;
  }
  if (!input.password2) errors.password2 = missing.password2;
  else if (input.password1 && input.password2 !== input.password1) errors.password2 = 'Las contraseñas no coinciden.';
  return errors;
}
