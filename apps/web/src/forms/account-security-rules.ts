import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { emailProblem } from './email-rules.ts';
import type { FieldErrors } from './field-errors.ts';
import { newPasswordProblems, type NewPasswordField } from './new-password-rules.ts';

// The three forms that take a password back or set a new one: "olvidé", "restablecer" and "cambiar".

export type ForgotPasswordField = 'email';
export const forgotPasswordFields: readonly ForgotPasswordField[] = ['email'];

export function validateForgotPassword(input: { email: string }): FieldErrors<ForgotPasswordField> {
  const email = emailProblem(input.email);
  return email ? { email } : {};
}

export const resetPasswordFields: readonly NewPasswordField[] = ['password1', 'password2'];
export const validateResetPassword = newPasswordProblems;

export type ChangePasswordField = 'current_password' | NewPasswordField;
export const changePasswordFields: readonly ChangePasswordField[] = ['current_password', 'password1', 'password2'];

export function validateChangePassword(input: Record<ChangePasswordField, string>): FieldErrors<ChangePasswordField> {
  const errors: FieldErrors<ChangePasswordField> = newPasswordProblems(input);
  return input.current_password ? errors : { current_password: accountSecurityTexts.missingCurrentPassword, ...errors };
}
