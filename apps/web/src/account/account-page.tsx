import { useEffect, useRef, useState } from 'preact/hooks';
import { changePassword } from '../api/account.api.ts';
import { Page } from '../components/page.tsx';
import { getSession, startSession } from '../session/session.ts';
import { AccountDetails } from './account-details.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { SignOutEverywhere } from './sign-out-everywhere.tsx';
import { useAccount } from './use-account.ts';

/** `/cuenta`: who the player is, a new password, and signing out of every device. */
export function AccountPage() {
  const account = useAccount();
  const [changed, setChanged] = useState<{ message: string; round: number } | undefined>();

  const change = async (currentPassword: string, password1: string, password2: string) => {
    const answer = await changePassword(currentPassword, password1, password2);
    // The API revoked every earlier token, this one's too: the new one takes its place at once.
    startSession(answer.access_token, answer.expires_in, getSession()?.email ?? account?.email ?? '');
    setChanged((previous) => ({ message: answer.message, round: (previous?.round ?? 0) + 1 }));
  };

  return (
    <Page title="Mi cuenta">
      <section class="account-section" aria-labelledby="account-details-title">
        <h2 id="account-details-title">Tus datos</h2>
        {account ? <AccountDetails account={account} /> : <p role="status">Cargando tu cuenta…</p>}
      </section>
      <section class="account-section" aria-labelledby="change-password-title">
        <h2 id="change-password-title">Cambiar contraseña</h2>
        {changed && <PasswordChanged key={changed.round} message={changed.message} />}
        {/* A new form after each change, so no password stays typed in it. */}
        <ChangePasswordForm key={changed?.round ?? 0} onChange={change} />
      </section>
      <section class="account-section" aria-labelledby="sign-out-everywhere-title">
        <h2 id="sign-out-everywhere-title">Sesiones</h2>
        <SignOutEverywhere />
      </section>
    </Page>
  );
}

/** The focus comes here: the button it was on belongs to the form that was just replaced. */
function PasswordChanged({ message }: { message: string }) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => notice.current?.focus(), []);
  return (
    <div ref={notice} class="notice notice-success" role="status" tabIndex={-1}>
      {message}
    </div>
  );
}
