import { useState } from 'preact/hooks';
import { logIn } from '../api/auth.api.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { takeFlash } from '../lib/flash.ts';
import { Link } from '../lib/link.tsx';
import { navigate, safeReturnPath, usePlace, withQuery } from '../lib/router.ts';
import { isVoteReturnPath } from '../lib/video-address.ts';
import { startSession } from '../session/session.ts';
import { SignInForm } from './sign-in-form.tsx';

export function SignInPage() {
  const { query } = usePlace();
  const [notice] = useState(takeFlash);
  const volver = query.get('volver');
  const returnTo = safeReturnPath(volver, '/mis-videos');
  const signIn = async (email: string, password: string) => {
    const answer = await logIn(email, password);
    startSession(answer.access_token, answer.expires_in, email);
    navigate(returnTo, { replace: true });
  };
  return (
    <Page title="Ingresar">
      {notice && <Notice>{notice}</Notice>}
      {isVoteReturnPath(volver) && <p class="lead">Ingresa y vuelves al video con tu voto contado.</p>}
      <SignInForm onSignIn={signIn} />
      <p>
        <Link href="/olvide-contrasena" class="action-link">
          ¿Olvidaste tu contraseña?
        </Link>
      </p>
      <p>
        ¿Aún no tienes cuenta?{' '}
        <Link href={withQuery('/registro', { volver: volver ?? undefined })} class="action-link">
          Crea una cuenta
        </Link>
      </p>
    </Page>
  );
}
