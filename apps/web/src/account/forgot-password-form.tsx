import { Field } from '../forms/field.tsx';
import { FormError } from '../forms/form-error.tsx';
import { forgotPasswordFields, validateForgotPassword } from '../forms/account-security-rules.ts';
import { useForm } from '../forms/use-form.ts';

/** The address to send a reset link to. */
export function ForgotPasswordForm({ onRequest }: { onRequest(email: string): Promise<void> }) {
  const form = useForm({
    idPrefix: 'forgot',
    fields: forgotPasswordFields,
    initial: { email: '' },
    validate: validateForgotPassword,
  });
  const submit = form.submitWith((values) => onRequest(values.email.trim()));
  return (
    <form class="form" onSubmit={submit} noValidate aria-describedby={form.formErrorId}>
      <FormError id={form.formErrorId} message={form.formError} />
      <Field label="Correo electrónico" type="email" autoComplete="email" {...form.fieldProps('email')} />
      <button type="submit" class="button primary" disabled={form.submitting}>
        {form.submitting ? 'Enviando…' : 'Enviar enlace'}
      </button>
    </form>
  );
}
