import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { useEffect } from 'preact/hooks';
import { verifyEmail } from '../api/account.api.ts';
import { Page } from '../components/page.tsx';
import { Link } from '../lib/link.tsx';
import { flashNext } from '../lib/flash.ts';
import { navigate, safeReturnPath, usePlace, withQuery } from '../lib/router.ts';
import { useRemote } from '../lib/use-remote.ts';
import { getSession, useSession } from '../session/session.ts';
import { refreshAccount } from './use-account.ts';

/**
 * The page a sign-up mail links to: `/verificar-correo?token=…` confirms the address as it opens, then goes on
 * to `volver` when the mail has one (the shared video someone signed up to vote for, which then casts the vote).
 */
export function VerifyEmailPage() {
  const { query } = usePlace();
  const token = query.get('token') ?? '';
  const returnTo = safeReturnPath(query.get('volver'), '') || undefined;
  return (
    <Page title="Confirmar tu correo">
      {token ? (
        <Verification token={token} returnTo={returnTo} />
      ) : (
        <div class="notice notice-error" role="alert">
          {accountSecurityTexts.missingToken}
        </div>
      )}
    </Page>
  );
}

function Verification({ token, returnTo }: { token: string; returnTo: string | undefined }) {
  const signedIn = !!useSession();
  const outcome = useRemote((signal) => verifyEmail(token, signal), [token]);
  const verified = outcome.data !== undefined;
  // The "Confirma tu correo" banner goes away at once instead of at the next focus.
  useEffect(() => {
    if (verified && getSession()) void refreshAccount();
    if (verified && returnTo) {
      flashNext(outcome.data as string);
      navigate(returnTo, { replace: true });
    }
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
            <Link href="/" class="action-link">
              Ir a los videos para votar
            </Link>
          </p>
        </>
      ) : (
        <>
          <p class="notice notice-error">{outcome.error}</p>
          {/* A link used before may have confirmed the address already: the video can still take the vote. */}
          {returnTo && (
            <p>
              <Link href={returnTo} class="action-link">
                Volver al video
              </Link>
            </p>
          )}
          {!signedIn && (
            <p>
              <Link href={withQuery('/ingresar', { volver: returnTo ?? '/' })} class="action-link">
                Ingresa para pedir un enlace nuevo
              </Link>
            </p>
          )}
        </>
      )}
    </div>
  );
}
