import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { endSession, getSession, onSessionExpired, startSession } from '../src/session/session.ts';
import { anAccount, json, noContent, problem, stubAccountApi } from './fake-account-api.ts';

async function signOut() {
  startSession('token-1', 3600, 'ana@ejemplo.com');
  history.replaceState(null, '', '/mis-videos');
  render(<App />);
  await userEvent.setup().click(screen.getByRole('button', { name: /^Salir/ }));
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('"Salir" in the header', () => {
  it('revokes the token on the API and ends the session', async () => {
    const api = stubAccountApi({
      'GET /api/auth/me': () => json(200, anAccount()),
      'POST /api/auth/logout': noContent,
    });
    await signOut();
    expect(api.to('POST /api/auth/logout').map((request) => request.authorization)).toEqual(['Bearer token-1']);
    expect(getSession()).toBeNull();
    expect(localStorage.getItem('anb.session')).toBeNull();
    await waitFor(() => expect(location.pathname).toBe('/'));
    expect(screen.getByRole('link', { name: 'Ingresar' })).toBeTruthy();
  });

  it('ends the session here even when the API cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await signOut();
    expect(getSession()).toBeNull();
    await waitFor(() => expect(location.pathname).toBe('/'));
  });

  it('does not report an expired session when the API says the token was already dead', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    stubAccountApi({
      'GET /api/auth/me': () => json(200, anAccount()),
      'POST /api/auth/logout': () => problem(401, 'UNAUTHORIZED', 'El token JWT es inválido o expirado.'),
    });
    await signOut();
    await waitFor(() => expect(location.pathname).toBe('/'));
    expect(getSession()).toBeNull();
    expect(expired).not.toHaveBeenCalled();
    stop();
  });
});
