import { accountRules, accountTexts } from '@anb/core/account-rules';
import type { SignupInput } from '../api/types.ts';
import { KnownCitiesList } from '../components/known-cities.tsx';
import { Field } from '../forms/field.tsx';
import { FormError } from '../forms/form-error.tsx';
import { signupFields, validateSignup } from '../forms/signup-rules.ts';
import { useForm } from '../forms/use-form.ts';

const empty: SignupInput = {
  first_name: '',
  last_name: '',
  email: '',
  password1: '',
  password2: '',
  city: '',
  country: '',
};

/** Registration; `onSignUp` calls the API and its refusals come back next to their fields. */
export function SignUpForm({ onSignUp }: { onSignUp(input: SignupInput): Promise<void> }) {
  const form = useForm({
    idPrefix: 'signup',
    fields: signupFields,
    initial: empty,
    validate: validateSignup,
    fieldsByCode: { EMAIL_TAKEN: 'email', PASSWORD_MISMATCH: 'password2' },
  });
  const submit = form.submitWith((values) =>
    onSignUp({
      ...values,
      first_name: values.first_name.trim(),
      last_name: values.last_name.trim(),
      email: values.email.trim(),
      city: values.city.trim(),
      country: values.country.trim(),
    }),
  );
  return (
    <form class="form" onSubmit={submit} noValidate aria-describedby={form.formErrorId}>
      <FormError id={form.formErrorId} message={form.formError} />
      <div class="form-row">
        <Field label="Nombre" autoComplete="given-name" {...form.fieldProps('first_name')} />
        <Field label="Apellido" autoComplete="family-name" {...form.fieldProps('last_name')} />
      </div>
      <Field label="Correo electrónico" type="email" autoComplete="email" {...form.fieldProps('email')} />
      <Field
        label="Contraseña"
        type="password"
        autoComplete="new-password"
        hint={accountTexts.passwordHint(accountRules.passwordMinLength)}
        {...form.fieldProps('password1')}
      />
      <Field
        label="Repite la contraseña"
        type="password"
        autoComplete="new-password"
        {...form.fieldProps('password2')}
      />
      <div class="form-row">
        <Field label="Ciudad" autoComplete="address-level2" list="signup-known-cities" {...form.fieldProps('city')} />
        <Field label="País" autoComplete="country-name" {...form.fieldProps('country')} />
      </div>
      <KnownCitiesList id="signup-known-cities" />
      <button type="submit" class="button primary" disabled={form.submitting}>
        {form.submitting ? 'Creando cuenta…' : 'Crear cuenta'}
      </button>
    </form>
  );
}
