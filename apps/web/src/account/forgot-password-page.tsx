import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { forgotPassword } from '../api/account.api.ts';
import { Page } from '../components/page.tsx';
import { Link } from '../lib/link.tsx';
import { ForgotPasswordForm } from './forgot-password-form.tsx';

export function ForgotPasswordPage() {
  const [sent, setSent] = useState(false);
  const request = async (email: string) => {
    await forgotPassword(email);
    setSent(true);
  };
  return (
    <Page title="¿Olvidaste tu contraseña?">
      {sent ? (
        <ResetRequested />
      ) : (
        <>
          <p class="lead">Escribe el correo de tu cuenta y te enviaremos un enlace para crear una contraseña nueva.</p>
          <ForgotPasswordForm onRequest={request} />
        </>
      )}
      <p>
        <Link class="action-link" href="/ingresar">
          Volver a ingresar
        </Link>
      </p>
    </Page>
  );
}

/**
 * Core's words rather than the answer's: the page reads the same whether or not the address has an account,
 * so it tells nobody who is registered. The focus moves here, since the button it was on is gone.
 */
function ResetRequested() {
  const message = useRef<HTMLDivElement>(null);
  useEffect(() => message.current?.focus(), []);
  return (
    <div ref={message} class="notice notice-success" role="status" tabIndex={-1}>
      {accountSecurityTexts.resetRequested}
    </div>
  );
}
