import { accountTexts } from '@anb/core/account-rules';
import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { json, problem, stubAccountApi } from './fake-account-api.ts';
import { expectFocusOn } from './focus.ts';

const requested = () => json(202, { message: accountSecurityTexts.resetRequested });

async function askForLink(email: string) {
  history.replaceState(null, '', '/olvide-contrasena');
  render(<App />);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Correo electrónico'), email);
  await user.click(screen.getByRole('button', { name: 'Enviar enlace' }));
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => vi.unstubAllGlobals());

describe('"¿Olvidaste tu contraseña?"', () => {
  it('is linked from the sign-in page', async () => {
    stubAccountApi({});
    history.replaceState(null, '', '/ingresar');
    render(<App />);
    await userEvent.setup().click(screen.getByRole('link', { name: '¿Olvidaste tu contraseña?' }));
    expect(location.pathname).toBe('/olvide-contrasena');
    expect(await screen.findByRole('heading', { level: 1, name: '¿Olvidaste tu contraseña?' })).toBeTruthy();
  });

  it('checks the address as the sign-up does before asking the API', async () => {
    const api = stubAccountApi({ 'POST /api/auth/forgot-password': requested });
    await askForLink('ana@ejemplo');
    await expectFocusOn(
      screen.getByRole('textbox', { name: 'Correo electrónico', description: accountTexts.invalidEmail }),
    );
    expect(api.requests).toHaveLength(0);
  });

  it('reads the same whether or not the address has an account', async () => {
    // The API answers 202 alike; the page must not tell the two apart either, even if a body differed.
    const api = stubAccountApi({
      'POST /api/auth/forgot-password': ({ body }) =>
        (body as { email: string }).email === 'ana@ejemplo.com' ? requested() : json(202, {}),
    });
    const shown: string[] = [];
    for (const email of ['ana@ejemplo.com', 'nadie@ejemplo.com']) {
      await askForLink(` ${email} `);
      const message = await screen.findByText(accountSecurityTexts.resetRequested);
      await expectFocusOn(message);
      shown.push(screen.getByRole('main').textContent ?? '');
      cleanup();
    }
    expect(shown[0]).toBe(shown[1]);
    expect(api.to('POST /api/auth/forgot-password').map((request) => request.body)).toEqual([
      { email: 'ana@ejemplo.com' },
      { email: 'nadie@ejemplo.com' },
    ]);
  });

  it('shows a 429 above the form', async () => {
    const detail = 'Demasiadas solicitudes. Intenta de nuevo en unos minutos.';
    stubAccountApi({ 'POST /api/auth/forgot-password': () => problem(429, 'RATE_LIMITED', detail) });
    await askForLink('ana@ejemplo.com');
    const alert = await screen.findByText(detail);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByText(accountSecurityTexts.resetRequested)).toBeNull();
  });
});
