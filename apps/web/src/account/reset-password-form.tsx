import { FormError } from '../forms/form-error.tsx';
import { resetPasswordFields, validateResetPassword } from '../forms/account-security-rules.ts';
import { NewPasswordFields } from '../forms/new-password-fields.tsx';
import { useForm } from '../forms/use-form.ts';

/** The new password, twice; the API's PASSWORD_MISMATCH lands on the repetition. */
export function ResetPasswordForm({ onReset }: { onReset(password1: string, password2: string): Promise<void> }) {
  const form = useForm({
    idPrefix: 'reset',
    fields: resetPasswordFields,
    initial: { password1: '', password2: '' },
    validate: validateResetPassword,
    fieldsByCode: { PASSWORD_MISMATCH: 'password2' },
  });
  const submit = form.submitWith((values) => onReset(values.password1, values.password2));
  return (
    <form class="form" onSubmit={submit} noValidate aria-describedby={form.formErrorId}>
      <FormError id={form.formErrorId} message={form.formError} />
      <NewPasswordFields password1={form.fieldProps('password1')} password2={form.fieldProps('password2')} />
      <button type="submit" class="button primary" disabled={form.submitting}>
        {form.submitting ? 'Guardando…' : 'Guardar contraseña'}
      </button>
    </form>
  );
}
