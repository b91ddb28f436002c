import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { endSession, getSession, startSession } from '../src/session/session.ts';
import { anAccount, json, noContent, problem, stubAccountApi } from './fake-account-api.ts';
import { expectFocusOn } from './focus.ts';

const me = () => json(200, anAccount({ email_verified: true, vote_refusal: null }));
const changed = () =>
  json(200, {
    message: accountSecurityTexts.passwordChanged,
    access_token: 'token-2',
    token_type: 'Bearer',
    expires_in: 3600,
  });

function openAccountPage() {
  startSession('token-1', 3600, 'ana@ejemplo.com');
  history.replaceState(null, '', '/cuenta');
  render(<App />);
  return userEvent.setup();
}

async function changePassword(user: ReturnType<typeof userEvent.setup>, current: string) {
  await user.type(screen.getByLabelText('Contraseña actual'), current);
  await user.type(screen.getByLabelText('Nueva contraseña'), 'OtraClave456');
  await user.type(screen.getByLabelText('Repite la nueva contraseña'), 'OtraClave456');
  await user.click(screen.getByRole('button', { name: 'Cambiar contraseña' }));
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('"Mi cuenta"', () => {
  it('is linked from the header and shows the name, the address and whether it is confirmed', async () => {
    stubAccountApi({ 'GET /api/auth/me': me });
    startSession('token-1', 3600, 'ana@ejemplo.com');
    render(<App />);
    await userEvent.setup().click(screen.getByRole('link', { name: 'Mi cuenta' }));
    const list = (await screen.findByText('Ana Pérez')).closest('dl') as HTMLElement;
    expect(within(list).getByText('ana@ejemplo.com')).toBeTruthy();
    expect(within(list).getByText('Confirmado')).toBeTruthy();
    expect(location.pathname).toBe('/cuenta');
  });

  it('asks a signed-out visitor to sign in first', async () => {
    stubAccountApi({});
    history.replaceState(null, '', '/cuenta');
    render(<App />);
    await waitFor(() => expect(location.pathname).toBe('/ingresar'));
    expect(new URLSearchParams(location.search).get('volver')).toBe('/cuenta');
  });

  it("changes the password and puts the API's new token in place of the old one", async () => {
    const api = stubAccountApi({ 'GET /api/auth/me': me, 'POST /api/auth/change-password': changed });
    const user = openAccountPage();
    await changePassword(user, 'ClaveSegura123');
    const notice = await screen.findByText(accountSecurityTexts.passwordChanged);
    await expectFocusOn(notice);
    expect(getSession()).toMatchObject({ token: 'token-2', email: 'ana@ejemplo.com' });
    expect(JSON.parse(localStorage.getItem('anb.session') ?? '{}').token).toBe('token-2');
    const [request] = api.to('POST /api/auth/change-password');
    expect(request).toMatchObject({
      authorization: 'Bearer token-1',
      body: { current_password: 'ClaveSegura123', password1: 'OtraClave456', password2: 'OtraClave456' },
    });
    expect((screen.getByLabelText('Contraseña actual') as HTMLInputElement).value).toBe('');
    // The next request already carries the new token.
    await waitFor(() => expect(api.to('GET /api/auth/me').at(-1)?.authorization).toBe('Bearer token-2'));
  });

  it('shows a wrong current password next to its field and keeps the session', async () => {
    stubAccountApi({
      'GET /api/auth/me': me,
      'POST /api/auth/change-password': () => problem(400, 'WRONG_PASSWORD', accountSecurityTexts.wrongCurrentPassword),
    });
    const user = openAccountPage();
    await changePassword(user, 'equivocada');
    const current = screen.getByLabelText('Contraseña actual');
    await expectFocusOn(current);
    expect(current.getAttribute('aria-describedby')).toBe('change-password-current_password-error');
    expect(document.getElementById('change-password-current_password-error')?.textContent).toBe(
      accountSecurityTexts.wrongCurrentPassword,
    );
    expect(getSession()?.token).toBe('token-1');
  });

  it('asks for the current password before sending', async () => {
    const api = stubAccountApi({ 'GET /api/auth/me': me });
    const user = openAccountPage();
    await user.click(screen.getByRole('button', { name: 'Cambiar contraseña' }));
    await expectFocusOn(screen.getByLabelText('Contraseña actual'));
    expect(screen.getByText(accountSecurityTexts.missingCurrentPassword)).toBeTruthy();
    expect(api.to('POST /api/auth/change-password')).toHaveLength(0);
  });

  it('signs out of every device: the API revokes the tokens, this session ends, sign in says so', async () => {
    const api = stubAccountApi({ 'GET /api/auth/me': me, 'POST /api/auth/logout-all': noContent });
    const user = openAccountPage();
    await user.click(screen.getByRole('button', { name: 'Cerrar sesión en todos los dispositivos' }));
    expect(await screen.findByText(/Cerramos tu sesión en todos los dispositivos/)).toBeTruthy();
    expect(location.pathname).toBe('/ingresar');
    expect(getSession()).toBeNull();
    expect(api.to('POST /api/auth/logout-all')[0]?.authorization).toBe('Bearer token-1');
  });

  it('keeps this session when signing out everywhere fails, and says why', async () => {
    const detail = 'Ocurrió un error inesperado. Intenta de nuevo en unos minutos.';
    stubAccountApi({ 'GET /api/auth/me': me, 'POST /api/auth/logout-all': () => problem(500, 'INTERNAL', detail) });
    const user = openAccountPage();
    await user.click(screen.getByRole('button', { name: 'Cerrar sesión en todos los dispositivos' }));
    expect((await screen.findByText(detail)).getAttribute('role')).toBe('alert');
    expect(getSession()?.token).toBe('token-1');
    expect(location.pathname).toBe('/cuenta');
  });
});
