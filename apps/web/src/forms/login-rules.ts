import type { FieldErrors } from './field-errors.ts';

export type LoginField = 'email' | 'password';
export const loginFields: readonly LoginField[] = ['email', 'password'];

export function validateLogin(input: { email: string; password: string }): FieldErrors<LoginField> {
  const errors: FieldErrors<LoginField> = {};
  if (!input.email.trim()) errors.email = 'Escribe tu correo electrónico.';
  if (!input.password) errors.password = 'Escribe tu contraseña.';
  return errors;
}
