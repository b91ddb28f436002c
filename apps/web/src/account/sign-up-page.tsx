import { logIn, signUp } from '../api/auth.api.ts';
import type { SignupInput } from '../api/types.ts';
import { Page } from '../components/page.tsx';
import { flashNext } from '../lib/flash.ts';
import { Link } from '../lib/link.tsx';
import { navigate, safeReturnPath, usePlace, withQuery } from '../lib/router.ts';
import { isVoteReturnPath } from '../lib/video-address.ts';
import { startSession } from '../session/session.ts';
import { SignUpForm } from './sign-up-form.tsx';

export function SignUpPage() {
  const { query } = usePlace();
  const volver = query.get('volver');
  // Someone who came from a shared video to vote for it: the same form, framed for a voter.
  const voteReturn = isVoteReturnPath(volver) ? volver : undefined;
  const returnTo = safeReturnPath(volver, '/subir');
  // Signing in right after signing up: nobody wants to type the same password twice more.
  const signUpAndIn = async (input: SignupInput) => {
    // The confirmation mail's link then leads back to the video, which casts the vote.
    const { message } = await signUp(input, voteReturn);
    const answer = await logIn(input.email, input.password1);
    startSession(answer.access_token, answer.expires_in, input.email);
    flashNext(message);
    navigate(returnTo, { replace: true });
  };
  return (
    <Page title={voteReturn ? 'Crear cuenta' : 'Crear cuenta de jugador'}>
      {voteReturn ? (
        <p class="lead">
          Crea tu cuenta para votar: al terminar vuelves al video y tu voto se cuenta solo. Si te pedimos confirmar tu
          correo, se cuenta cuando abras el enlace que te enviamos.
        </p>
      ) : (
        <p class="lead">Regístrate para subir tu video de habilidades y votar por otros jugadores.</p>
      )}
      <SignUpForm onSignUp={signUpAndIn} />
      <p>
        ¿Ya tienes cuenta?{' '}
        <Link href={withQuery('/ingresar', { volver: volver ?? undefined })} class="action-link">
          Ingresa
        </Link>
      </p>
    </Page>
  );
}
