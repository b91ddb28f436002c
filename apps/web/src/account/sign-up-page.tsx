import { logIn, signUp } from '../api/auth.api.ts';
import type { SignupInput } from '../api/types.ts';
import { Page } from '../components/page.tsx';
import { flashNext } from '../lib/flash.ts';
import { Link } from '../lib/link.tsx';
import { navigate, safeReturnPath, usePlace, withQuery } from '../lib/router.ts';
import { startSession } from '../session/session.ts';
import { SignUpForm } from './sign-up-form.tsx';

export function SignUpPage() {
  const { query } = usePlace();
  const returnTo = safeReturnPath(query.get('volver'), '/subir');
  // Signing in right after signing up: nobody wants to type the same password twice more.
  const signUpAndIn = async (input: SignupInput) => {
    const { message } = await signUp(input);
    const answer = await logIn(input.email, input.password1);
    startSession(answer.access_token, answer.expires_in, input.email);
    flashNext(message);
    navigate(returnTo, { replace: true });
  };
  return (
    <Page title="Crear cuenta de jugador">
      <p class="lead">Regístrate para subir tu video de habilidades y votar por otros jugadores.</p>
      <SignUpForm onSignUp={signUpAndIn} />
      <p>
        ¿Ya tienes cuenta?{' '}
        <Link href={withQuery('/ingresar', { volver: query.get('volver') ?? undefined })}>Ingresa</Link>
      </p>
    </Page>
  );
}
