import { accountLinkCodes, accountSecurityTexts } from '@anb/core/account-security-texts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { resetPassword } from '../api/account.api.ts';
import { ApiError } from '../api/api-error.ts';
import { Page } from '../components/page.tsx';
import { flashNext } from '../lib/flash.ts';
import { Link } from '../lib/link.tsx';
import { navigate, usePlace } from '../lib/router.ts';
import { endSession } from '../session/session.ts';
import { ResetPasswordForm } from './reset-password-form.tsx';

const linkRefusals: readonly string[] = Object.values(accountLinkCodes.reset_password);

/** The page a reset mail links to: `/restablecer-contrasena?token=…`. */
export function ResetPasswordPage() {
  const token = usePlace().query.get('token') ?? '';
  const [refusal, setRefusal] = useState<string | undefined>();
  const reset = async (password1: string, password2: string) => {
    let message: string;
    try {
      message = await resetPassword(token, password1, password2);
    } catch (error) {
      // A dead link is no mistake in the form: the form gives way to a way of getting a new one.
      if (error instanceof ApiError && linkRefusals.includes(error.code)) return setRefusal(error.message);
      throw error;
    }
    // Every token of the account stopped working, this browser's included if it was signed in as them.
    endSession();
    flashNext(message);
    navigate('/ingresar', { replace: true });
  };
  return (
    <Page title="Crea una contraseña nueva">
      {!token ? (
        <LinkRefused message={accountSecurityTexts.missingToken} />
      ) : refusal ? (
        <LinkRefused message={refusal} />
      ) : (
        <ResetPasswordForm onReset={reset} />
      )}
    </Page>
  );
}

function LinkRefused({ message }: { message: string }) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => alert.current?.focus(), []);
  return (
    <>
      <div ref={alert} class="notice notice-error" role="alert" tabIndex={-1}>
        {message}
      </div>
      <p>
        <Link class="action-link" href="/olvide-contrasena">
          Pedir un enlace nuevo
        </Link>
      </p>
    </>
  );
}
