import { useState } from 'preact/hooks';
import { logOutEverywhere } from '../api/account.api.ts';
import { messageOf } from '../api/api-error.ts';
import { flashNext } from '../lib/flash.ts';
import { navigate } from '../lib/router.ts';
import { endSession } from '../session/session.ts';

/** Revokes every token of the account (a lost phone, a shared computer), this browser's included. */
export function SignOutEverywhere() {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const signOutEverywhere = async () => {
    setSending(true);
    setError(undefined);
    try {
      await logOutEverywhere();
    } catch (failure) {
      // The other devices are still signed in, so this one stays too and the player can try again.
      setError(messageOf(failure));
      setSending(false);
      return;
    }
    endSession();
    flashNext('Cerramos tu sesión en todos los dispositivos. Ingresa de nuevo para continuar.');
    navigate('/ingresar', { replace: true });
  };
  return (
    <>
      <p>Si usaste tu cuenta en un equipo ajeno o perdiste tu teléfono, cierra la sesión en todos a la vez.</p>
      <button type="button" class="button danger-outline" disabled={sending} onClick={() => void signOutEverywhere()}>
        {sending ? 'Cerrando sesiones…' : 'Cerrar sesión en todos los dispositivos'}
      </button>
      <p class="inline-message error" role="alert">
        {error}
      </p>
    </>
  );
}
