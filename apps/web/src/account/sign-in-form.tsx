import { Field } from '../forms/field.tsx';
import { FormError } from '../forms/form-error.tsx';
import { loginFields, validateLogin } from '../forms/login-rules.ts';
import { useForm } from '../forms/use-form.ts';

/** Email and password; "Credenciales inválidas." belongs to neither field alone, so it shows above. */
export function SignInForm({ onSignIn }: { onSignIn(email: string, password: string): Promise<void> }) {
  const form = useForm({
    idPrefix: 'login',
    fields: loginFields,
    initial: { email: '', password: '' },
    validate: validateLogin,
  });
  const submit = form.submitWith((values) => onSignIn(values.email.trim(), values.password));
  return (
    <form class="form" onSubmit={submit} noValidate aria-describedby={form.formErrorId}>
      <FormError id={form.formErrorId} message={form.formError} />
      <Field label="Correo electrónico" type="email" autoComplete="email" {...form.fieldProps('email')} />
      <Field label="Contraseña" type="password" autoComplete="current-password" {...form.fieldProps('password')} />
      <button type="submit" class="button primary" disabled={form.submitting}>
        {form.submitting ? 'Ingresando…' : 'Ingresar'}
      </button>
    </form>
  );
}
