import { Field } from '../forms/field.tsx';
import { FormError } from '../forms/form-error.tsx';
import { changePasswordFields, validateChangePassword } from '../forms/account-security-rules.ts';
import { NewPasswordFields } from '../forms/new-password-fields.tsx';
import { useForm } from '../forms/use-form.ts';

interface ChangePasswordFormProps {
  onChange(currentPassword: string, password1: string, password2: string): Promise<void>;
}

/** Current password, then the new one twice; a wrong current password shows next to its field. */
export function ChangePasswordForm({ onChange }: ChangePasswordFormProps) {
  const form = useForm({
    idPrefix: 'change-password',
    fields: changePasswordFields,
    initial: { current_password: '', password1: '', password2: '' },
    validate: validateChangePassword,
    fieldsByCode: { WRONG_PASSWORD: 'current_password', PASSWORD_MISMATCH: 'password2' },
  });
  const submit = form.submitWith((values) => onChange(values.current_password, values.password1, values.password2));
  return (
    <form class="form" onSubmit={submit} noValidate aria-describedby={form.formErrorId}>
      <FormError id={form.formErrorId} message={form.formError} />
      <Field
        label="Contraseña actual"
        type="password"
        autoComplete="current-password"
        {...form.fieldProps('current_password')}
      />
      <NewPasswordFields password1={form.fieldProps('password1')} password2={form.fieldProps('password2')} />
      <button type="submit" class="button primary" disabled={form.submitting}>
        {form.submitting ? 'Cambiando…' : 'Cambiar contraseña'}
      </button>
    </form>
  );
}
