import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { useEffect } from 'preact/hooks';
import { verifyEmail } from '../api/account.api.ts';
import { Page } from '../components/page.tsx';
import { Link } from '../lib/link.tsx';
import { usePlace, withQuery } from '../lib/router.ts';
import { useRemote } from '../lib/use-remote.ts';
import { getSession, useSession } from '../session/session.ts';
import { refreshAccount } from './use-account.ts';

/** The page a sign-up mail links to: `/verificar-correo?token=…` confirms the address as it opens. */
export function VerifyEmailPage() {
  const token = usePlace().query.get('token') ?? '';
  return (
    <Page title="Confirmar tu correo">
      {token ? (
        <Verification token={token} />
      ) : (
        <div class="notice notice-error" role="alert">
          {accountSecurityTexts.missingToken}
        </div>
      )}
    </Page>
  );
}

function Verification({ token }: { token: string }) {
  const signedIn = !!useSession();
  const outcome = useRemote((signal) => verifyEmail(token, signal), [token]);
  const verified = outcome.data !== undefined;
  // The "Confirma tu correo" banner goes away at once instead of at the next focus.
  useEffect(() => {
    if (verified && getSession()) void refreshAccount();
  }, [verified]);

  // One live region from the start, so the outcome replacing "Confirmando…" is announced.
  return (
    <div role="status">
      {outcome.loading ? (
        <p>Confirmando tu correo…</p>
      ) : verified ? (
        <>
          <p class="notice notice-success">{outcome.data}</p>
          <p>
            <Link href="/">Ir a los videos para votar</Link>
          </p>
        </>
      ) : (
        <>
          <p class="notice notice-error">{outcome.error}</p>
          {!signedIn && (
            <p>
              <Link href={withQuery('/ingresar', { volver: '/' })}>Ingresa para pedir un enlace nuevo</Link>
            </p>
          )}
        </>
      )}
    </div>
  );
}
