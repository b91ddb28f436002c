/**
 * What a sign-up and a login must carry, and what the player reads when they do not. The API's
 * request schemas and the web app's forms both apply these, so a mistake reads the same whether the
 * browser or the API catches it.
 */

export const accountRules = {
  /** first_name, last_name, city and country. */
  textMaxLength: 100,
  emailMaxLength: 254,
  passwordMinLength: 8,
  /** bcrypt reads at most 72 bytes (and stops at a NUL), so a longer password would be silently cut. */
  passwordMaxBytes: 72,
  /** zod's email pattern, the API's check; here once so the browser applies the same. */
  emailPattern: /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/,
};

export type SignupField = 'first_name' | 'last_name' | 'email' | 'password1' | 'password2' | 'city' | 'country';

/** What a sign-up sends (POST /api/auth/signup), field by field. */
export type SignupRequest = Record<SignupField, string>;

/** UTF-8 bytes, as bcrypt counts them (an accented letter is two). */
export const passwordBytes = (password: string) => new TextEncoder().encode(password).length;

export const accountTexts = {
  missing: {
    first_name: 'Escribe tu nombre.',
    last_name: 'Escribe tu apellido.',
    email: 'Escribe tu correo electrónico.',
    password1: 'Escribe una contraseña.',
    password2: 'Repite la contraseña.',
    city: 'Escribe tu ciudad.',
    country: 'Escribe tu país.',
  } satisfies Record<SignupField, string>,
  missingLoginPassword: 'Escribe tu contraseña.',
  tooLong: (maxLength: number) => `Máximo ${maxLength} caracteres.`,
  invalidEmail: 'Escribe un correo válido, por ejemplo ana@ejemplo.com.',
  passwordHint: (minLength: number) => `Al menos ${minLength} caracteres.`,
  passwordTooShort: (minLength: number) => `La contraseña debe tener al menos ${minLength} caracteres.`,
  passwordTooLong: (maxBytes: number) =>
    `La contraseña no puede superar ${maxBytes} bytes (las tildes y eñes cuentan doble).`,
  passwordsDiffer: 'Las contraseñas no coinciden.',
};
