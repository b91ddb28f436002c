import { accountRules, accountTexts } from '@anb/core/account-rules';
import { accountLinkCodes, accountSecurityTexts, type AccountLinkFault } from '@anb/core/account-security-texts';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { endSession, getSession, startSession } from '../src/session/session.ts';
import { anAccount, json, problem, stubAccountApi } from './fake-account-api.ts';
import { expectFocusOn } from './focus.ts';

const newPassword = 'OtraClave456';

async function resetWith(password1: string, password2 = password1, address = '/restablecer-contrasena?token=tok1') {
  history.replaceState(null, '', address);
  render(<App />);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Nueva contraseña'), password1);
  await user.type(screen.getByLabelText('Repite la nueva contraseña'), password2);
  await user.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('the page a reset mail links to', () => {
  it.each([
    ['too short', 'corta', 'corta', 'Nueva contraseña', accountTexts.passwordTooShort(accountRules.passwordMinLength)],
    ['over 72 bytes', 'ñ'.repeat(37), 'ñ'.repeat(37), 'Nueva contraseña', accountTexts.passwordTooLong(72)],
    ['not repeated alike', newPassword, 'OtraClave457', 'Repite la nueva contraseña', accountTexts.passwordsDiffer],
  ])('refuses a new password %s before sending it', async (_, password1, password2, label, text) => {
    const api = stubAccountApi({});
    await resetWith(password1, password2);
    await expectFocusOn(screen.getByLabelText(label));
    expect(screen.getByText(text)).toBeTruthy();
    expect(api.requests).toHaveLength(0);
  });

  it('sends the token and the password, then goes to sign in with the success text', async () => {
    const api = stubAccountApi({
      'POST /api/auth/reset-password': () => json(200, { message: accountSecurityTexts.passwordReset }),
    });
    await resetWith(newPassword);
    expect(await screen.findByText(accountSecurityTexts.passwordReset)).toBeTruthy();
    expect(location.pathname).toBe('/ingresar');
    expect(screen.getByRole('heading', { level: 1, name: 'Ingresar' })).toBeTruthy();
    expect(api.to('POST /api/auth/reset-password').map((request) => request.body)).toEqual([
      { token: 'tok1', password1: newPassword, password2: newPassword },
    ]);
  });

  it('ends a session this browser held: the API has revoked its token', async () => {
    stubAccountApi({
      'GET /api/auth/me': () => json(200, anAccount()),
      'POST /api/auth/reset-password': () => json(200, { message: accountSecurityTexts.passwordReset }),
    });
    startSession('token-1', 3600, 'ana@ejemplo.com');
    await resetWith(newPassword);
    await screen.findByText(accountSecurityTexts.passwordReset);
    expect(getSession()).toBeNull();
  });

  it.each(['invalid', 'expired', 'used'] satisfies AccountLinkFault[])(
    'shows why a %s link is refused, with a way to ask for a new one',
    async (fault) => {
      const detail = accountSecurityTexts.linkRefused.reset_password[fault];
      stubAccountApi({
        'POST /api/auth/reset-password': () => problem(400, accountLinkCodes.reset_password[fault], detail),
      });
      await resetWith(newPassword);
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toBe(detail);
      await expectFocusOn(alert);
      expect(screen.getByRole('link', { name: 'Pedir un enlace nuevo' }).getAttribute('href')).toBe(
        '/olvide-contrasena',
      );
      expect(screen.queryByLabelText('Nueva contraseña')).toBeNull();
    },
  );

  it("puts the API's PASSWORD_MISMATCH next to the repetition", async () => {
    stubAccountApi({
      'POST /api/auth/reset-password': () => problem(400, 'PASSWORD_MISMATCH', accountTexts.passwordsDiffer),
    });
    await resetWith(newPassword);
    const repeat = screen.getByLabelText('Repite la nueva contraseña');
    await expectFocusOn(repeat);
    expect(repeat.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(accountTexts.passwordsDiffer)).toBeTruthy();
  });

  it('says the link is incomplete when it has no token', async () => {
    stubAccountApi({});
    history.replaceState(null, '', '/restablecer-contrasena');
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe(accountSecurityTexts.missingToken);
    expect(screen.getByRole('link', { name: 'Pedir un enlace nuevo' })).toBeTruthy();
  });
});
