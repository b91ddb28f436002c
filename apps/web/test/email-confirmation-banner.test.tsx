import { accountSecurityTexts } from '@anb/core/account-security-texts';
import { act, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmailConfirmationBanner } from '../src/account/email-confirmation-banner.tsx';
import type { PublicVideo } from '../src/api/types.ts';
import { App } from '../src/app.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { anAccount, json, meAnswering, problem, stubAccountApi } from './fake-account-api.ts';

const signIn = (token = 'token-1') => act(() => startSession(token, 3600, 'ana@ejemplo.com'));
const banner = () => screen.findByRole('complementary', { name: 'Aviso sobre tu cuenta' });
const aVideo: PublicVideo = {
  video_id: 'v1',
  title: 'Triple',
  player_name: 'Luis Gómez',
  city: 'Cali',
  country: 'Colombia',
  processed_url: 'http://localhost/media/processed/v1.mp4',
  poster_url: null,
  votes: 4,
  uploaded_at: '2025-03-10T14:30:00Z',
};
const resendButton = () => screen.getByRole('button', { name: 'Reenviar enlace' });

afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('the "Confirma tu correo" banner', () => {
  it('appears once a player whose e-mail is not confirmed signs in, with the address the link went to', async () => {
    const api = stubAccountApi({ 'GET /api/auth/me': meAnswering(anAccount()).answer });
    render(<EmailConfirmationBanner />);
    expect(screen.queryByRole('complementary')).toBeNull();
    expect(api.requests).toHaveLength(0);
    await signIn();
    const shown = await banner();
    expect(shown.textContent).toContain('Confirma tu correo.');
    expect(shown.textContent).toContain('ana@ejemplo.com');
    expect(within(shown).getByRole('button', { name: 'Reenviar enlace' })).toBeTruthy();
    expect(api.to('GET /api/auth/me')[0]?.authorization).toBe('Bearer token-1');
  });

  it("sends a new link and shows the API's 202 message", async () => {
    const sent = accountSecurityTexts.verificationSent('ana@ejemplo.com');
    const api = stubAccountApi({
      'GET /api/auth/me': meAnswering(anAccount()).answer,
      'POST /api/auth/resend-verification': () => json(202, { message: sent }),
    });
    await signIn();
    render(<EmailConfirmationBanner />);
    await banner();
    await userEvent.setup().click(resendButton());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(sent));
    expect(api.to('POST /api/auth/resend-verification')).toHaveLength(1);
  });

  it.each([
    [429, 'RATE_LIMITED', 'Demasiadas solicitudes. Intenta de nuevo en unos minutos.'],
    [409, 'EMAIL_ALREADY_VERIFIED', accountSecurityTexts.alreadyVerified],
  ])('shows the detail of a %i refusal to resend', async (status, code, detail) => {
    stubAccountApi({
      'GET /api/auth/me': meAnswering(anAccount()).answer,
      'POST /api/auth/resend-verification': () => problem(status, code, detail),
    });
    await signIn();
    render(<EmailConfirmationBanner />);
    await banner();
    await userEvent.setup().click(resendButton());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(detail));
    expect(resendButton().hasAttribute('disabled')).toBe(false);
  });

  it('says why a disposable address may not vote, with no link to resend', async () => {
    stubAccountApi({
      'GET /api/auth/me': meAnswering(anAccount({ email_verified: true, vote_refusal: 'DISPOSABLE_EMAIL' })).answer,
    });
    await signIn();
    render(<EmailConfirmationBanner />);
    expect((await banner()).textContent).toBe(accountSecurityTexts.voteRefused.DISPOSABLE_EMAIL);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows nothing for an account that may vote', async () => {
    const api = stubAccountApi({
      'GET /api/auth/me': meAnswering(anAccount({ email_verified: true, vote_refusal: null })).answer,
    });
    await signIn();
    render(<EmailConfirmationBanner />);
    await waitFor(() => expect(api.to('GET /api/auth/me')).toHaveLength(1));
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('disappears when the tab regains the focus after the e-mail was confirmed elsewhere (one request more)', async () => {
    const me = meAnswering(anAccount());
    const api = stubAccountApi({ 'GET /api/auth/me': me.answer });
    await signIn();
    render(<EmailConfirmationBanner />);
    await banner();
    expect(api.to('GET /api/auth/me')).toHaveLength(1);
    me.change({ email_verified: true, vote_refusal: null });
    await act(() => {
      window.dispatchEvent(new FocusEvent('focus'));
    });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    expect(api.to('GET /api/auth/me')).toHaveLength(2);
  });

  it('appears when a vote is refused because the e-mail is not confirmed', async () => {
    const me = meAnswering(anAccount({ vote_refusal: null }));
    const detail = accountSecurityTexts.voteRefused.EMAIL_NOT_VERIFIED;
    stubAccountApi({
      'GET /api/auth/me': me.answer,
      'GET /api/public/videos': () => json(200, [aVideo]),
      'POST /api/public/videos/v1/vote': () => {
        me.change({ vote_refusal: 'EMAIL_NOT_VERIFIED' });
        return problem(403, 'EMAIL_NOT_VERIFIED', detail);
      },
    });
    await signIn();
    history.replaceState(null, '', '/');
    render(<App />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Votar por «Triple»' }));
    expect(await screen.findByText(detail)).toBeTruthy();
    expect(within(await banner()).getByRole('button', { name: 'Reenviar enlace' })).toBeTruthy();
  });

  it('disappears on sign-out', async () => {
    stubAccountApi({ 'GET /api/auth/me': meAnswering(anAccount()).answer });
    await signIn();
    render(<EmailConfirmationBanner />);
    await banner();
    await act(() => endSession());
    expect(screen.queryByRole('complementary')).toBeNull();
  });
});
