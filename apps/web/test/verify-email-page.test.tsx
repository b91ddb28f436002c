import { accountLinkCodes, accountSecurityTexts, type AccountLinkFault } from '@anb/core/account-security-texts';
import { act, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { anAccount, json, meAnswering, problem, stubAccountApi } from './fake-account-api.ts';

const verified = () => json(200, { message: accountSecurityTexts.emailVerified });
const open = (address: string) => {
  history.replaceState(null, '', address);
  render(<App />);
};

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('the page a confirmation mail links to', () => {
  it('posts the token as it opens and says the e-mail is confirmed, with a way to the videos', async () => {
    const api = stubAccountApi({ 'POST /api/auth/verify-email': verified });
    open('/verificar-correo?token=abc123');
    expect(await screen.findByText(accountSecurityTexts.emailVerified)).toBeTruthy();
    expect(api.to('POST /api/auth/verify-email').map((request) => request.body)).toEqual([{ token: 'abc123' }]);
    expect(screen.getByRole('link', { name: 'Ir a los videos para votar' }).getAttribute('href')).toBe('/');
  });

  it.each(['invalid', 'expired', 'used'] satisfies AccountLinkFault[])(
    "shows the API's detail when the link is %s, and a way to sign in for a new one",
    async (fault) => {
      const detail = accountSecurityTexts.linkRefused.verify_email[fault];
      stubAccountApi({
        'POST /api/auth/verify-email': () => problem(400, accountLinkCodes.verify_email[fault], detail),
      });
      open('/verificar-correo?token=abc123');
      expect(await screen.findByText(detail)).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Ingresa para pedir un enlace nuevo' })).toBeTruthy();
    },
  );

  it('says the link is incomplete when it has no token, and asks nothing of the API', async () => {
    const api = stubAccountApi({});
    open('/verificar-correo');
    expect((await screen.findByRole('alert')).textContent).toBe(accountSecurityTexts.missingToken);
    expect(api.requests).toHaveLength(0);
  });

  it('takes the "Confirma tu correo" banner away at once for a signed-in player', async () => {
    const me = meAnswering(anAccount());
    const api = stubAccountApi({
      'GET /api/auth/me': me.answer,
      'POST /api/auth/verify-email': () => {
        me.change({ email_verified: true, vote_refusal: null });
        return verified();
      },
    });
    startSession('token-1', 3600, 'ana@ejemplo.com');
    open('/');
    await screen.findByRole('complementary', { name: 'Aviso sobre tu cuenta' });
    await act(() => {
      history.pushState(null, '', '/verificar-correo?token=abc123');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await screen.findByText(accountSecurityTexts.emailVerified);
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    expect(api.to('GET /api/auth/me')).toHaveLength(2);
  });
});
