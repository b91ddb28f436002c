import { accountRules, accountTexts } from '@anb/core/account-rules';
import { Field } from './field.tsx';

type FieldBinding = Omit<Parameters<typeof Field>[0], 'label'>;

/** "Nueva contraseña" and its repetition, with the sign-up hint; the password managers' new-password fields. */
export function NewPasswordFields({ password1, password2 }: { password1: FieldBinding; password2: FieldBinding }) {
  return (
    <>
      <Field
        label="Nueva contraseña"
        type="password"
        autoComplete="new-password"
        hint={accountTexts.passwordHint(accountRules.passwordMinLength)}
        {...password1}
      />
      <Field label="Repite la nueva contraseña" type="password" autoComplete="new-password" {...password2} />
    </>
  );
}
