import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminUser, VoteProfile } from '../src/api/admin-types.ts';
import { VoteProfilePage } from '../src/organiser/vote-profile-page.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { json, problem, stubAccountApi, type ReceivedRequest } from './fake-account-api.ts';

const profile: VoteProfile = {
  video_id: 'v1',
  title: 'Triple',
  total: 120,
  counted: 100,
  voided: 20,
  verified: 90,
  verified_share: 0.75,
  new_accounts: 40,
  per_hour: [
    { hour: '2026-03-18T20:00:00Z', votes: 10 },
    { hour: '2026-03-18T21:00:00Z', votes: 110 },
  ],
  signup_networks: [
    { network: '203.0.113.0/24', votes: 70 },
    { network: '198.51.100.0/24', votes: 5 },
  ],
};

const aUser = (changes: Partial<AdminUser> = {}): AdminUser => ({
  user_id: 'u9',
  first_name: 'Luis',
  last_name: 'Gómez',
  email: 'luis@ejemplo.com',
  city: 'Cali',
  country: 'Colombia',
  role: 'player',
  email_verified: true,
  created_at: '2026-03-18T19:55:00Z',
  suspended_at: null,
  suspension_reason: null,
  votes_voided: false,
  ...changes,
});

function openProfile(answers: Record<string, (request: ReceivedRequest) => Response> = {}) {
  const api = stubAccountApi({ 'GET /api/admin/videos/v1/votes': () => json(200, profile), ...answers });
  startSession('token-org', 3600, 'org@ejemplo.com');
  history.replaceState(null, '', '/moderacion/votos?video=v1');
  render(<VoteProfilePage />);
  return { api, user: userEvent.setup() };
}

async function lookUp(user: ReturnType<typeof userEvent.setup>, email: string) {
  await user.type(screen.getByLabelText('Correo del usuario'), email);
  await user.click(screen.getByRole('button', { name: 'Buscar' }));
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('the vote profile of a video', () => {
  it('shows counted, voided and verified votes, new accounts, votes per hour and sign-up networks', async () => {
    openProfile();
    expect(await screen.findByRole('heading', { level: 1, name: 'Votos de «Triple»' })).toBeTruthy();
    const summary = document.querySelector('.vote-summary') as HTMLElement;
    const value = (name: string) => within(summary).getByText(name).nextElementSibling?.textContent;
    expect(value('Votos')).toBe('120');
    expect(value('Contados')).toBe('100');
    expect(value('Anulados')).toBe('20');
    expect(value('De correos confirmados')).toMatch(/^90 \(75\s?%\)$/);
    expect(value('De cuentas nuevas')).toMatch(/^40 /);
    const hours = screen.getByRole('table', { name: /Votos recibidos en cada hora/ });
    // 21:00 UTC is 4:00 p. m. in Bogotá.
    expect(within(hours).getByRole('row', { name: /^18\D.*2026, 4:00 p\.\s?m\. 110$/ })).toBeTruthy();
    const networks = screen.getByRole('table', { name: /red desde la que se creó la cuenta/ });
    expect(within(networks).getByRole('row', { name: '203.0.113.0/24 70' })).toBeTruthy();
  });

  it('points back to Moderación when no video is named', async () => {
    stubAccountApi({});
    startSession('token-org', 3600, 'org@ejemplo.com');
    history.replaceState(null, '', '/moderacion/votos');
    render(<VoteProfilePage />);
    expect(screen.getByText(/Elige un video en Moderación/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '← Volver a Moderación' }).getAttribute('href')).toBe('/moderacion');
  });

  it("shows the API's refusal for an unknown video", async () => {
    openProfile({ 'GET /api/admin/videos/v1/votes': () => problem(404, 'VIDEO_NOT_FOUND', 'El video no existe.') });
    expect(await screen.findByText('El video no existe.')).toBeTruthy();
  });
});

describe('looking up a user', () => {
  it('finds an account by e-mail and suspends it, voiding its votes, with the reason', async () => {
    const { api, user } = openProfile({
      'GET /api/admin/users': () => json(200, [aUser()]),
      'POST /api/admin/users/u9/suspend': () =>
        json(
          200,
          aUser({ suspended_at: '2026-03-19T12:00:00Z', suspension_reason: 'Votos comprados', votes_voided: true }),
        ),
    });
    await lookUp(user, 'luis@ejemplo.com');
    const card = await screen.findByRole('region', { name: 'Cuenta de Luis Gómez' });
    expect(api.to('GET /api/admin/users')[0]?.url.searchParams.get('email')).toBe('luis@ejemplo.com');
    expect(within(card).getByText('Activa')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Suspender la cuenta de Luis Gómez' }));
    await user.type(within(card).getByLabelText('Motivo'), 'Votos comprados');
    await user.click(within(card).getByLabelText('Anular también sus votos'));
    await user.click(within(card).getByRole('button', { name: 'Suspender cuenta' }));
    expect(await screen.findByText('La cuenta de Luis Gómez está suspendida y sus votos anulados.')).toBeTruthy();
    expect(api.to('POST /api/admin/users/u9/suspend')[0]?.body).toEqual({
      reason: 'Votos comprados',
      void_votes: true,
    });
    const updated = screen.getByRole('region', { name: 'Cuenta de Luis Gómez' });
    expect(within(updated).getByText(/^Suspendida el .*: Votos comprados · sus votos están anulados$/)).toBeTruthy();
    expect(within(updated).getByRole('button', { name: 'Restablecer la cuenta de Luis Gómez' })).toBeTruthy();
  });

  it('suspends without voiding the votes unless asked', async () => {
    const { api, user } = openProfile({
      'GET /api/admin/users': () => json(200, [aUser()]),
      'POST /api/admin/users/u9/suspend': () => json(200, aUser({ suspended_at: '2026-03-19T12:00:00Z' })),
    });
    await lookUp(user, 'luis@ejemplo.com');
    const card = await screen.findByRole('region', { name: 'Cuenta de Luis Gómez' });
    await user.click(within(card).getByRole('button', { name: 'Suspender la cuenta de Luis Gómez' }));
    await user.type(within(card).getByLabelText('Motivo'), 'Cuenta duplicada');
    await user.click(within(card).getByRole('button', { name: 'Suspender cuenta' }));
    await screen.findByText('La cuenta de Luis Gómez está suspendida.');
    expect(api.to('POST /api/admin/users/u9/suspend')[0]?.body).toEqual({
      reason: 'Cuenta duplicada',
      void_votes: false,
    });
  });

  it('reinstates a suspended account', async () => {
    const { api, user } = openProfile({
      'GET /api/admin/users': () =>
        json(200, [aUser({ suspended_at: '2026-03-19T12:00:00Z', suspension_reason: 'Votos comprados' })]),
      'POST /api/admin/users/u9/reinstate': () => json(200, aUser()),
    });
    await lookUp(user, 'luis@ejemplo.com');
    const card = await screen.findByRole('region', { name: 'Cuenta de Luis Gómez' });
    await user.click(within(card).getByRole('button', { name: 'Restablecer la cuenta de Luis Gómez' }));
    await user.type(within(card).getByLabelText('Motivo (opcional)'), 'Revisado');
    await user.click(within(card).getByRole('button', { name: 'Restablecer cuenta' }));
    expect(await screen.findByText('La cuenta de Luis Gómez está activa de nuevo.')).toBeTruthy();
    expect(api.to('POST /api/admin/users/u9/reinstate')[0]?.body).toEqual({ reason: 'Revisado' });
    expect(within(screen.getByRole('region', { name: 'Cuenta de Luis Gómez' })).getByText('Activa')).toBeTruthy();
  });

  it("shows the API's refusal, e.g. suspending one's own account", async () => {
    const { user } = openProfile({
      'GET /api/admin/users': () => json(200, [aUser()]),
      'POST /api/admin/users/u9/suspend': () =>
        problem(400, 'CANNOT_SUSPEND_SELF', 'No puedes suspender tu propia cuenta.'),
    });
    await lookUp(user, 'luis@ejemplo.com');
    const card = await screen.findByRole('region', { name: 'Cuenta de Luis Gómez' });
    await user.click(within(card).getByRole('button', { name: 'Suspender la cuenta de Luis Gómez' }));
    await user.type(within(card).getByLabelText('Motivo'), 'Prueba');
    await user.click(within(card).getByRole('button', { name: 'Suspender cuenta' }));
    await waitFor(() =>
      expect(within(card).getByRole('alert').textContent).toBe('No puedes suspender tu propia cuenta.'),
    );
  });

  it('says when no account has that address', async () => {
    const { user } = openProfile({ 'GET /api/admin/users': () => json(200, []) });
    await lookUp(user, 'nadie@ejemplo.com');
    expect(await screen.findByText('No hay ninguna cuenta con el correo nadie@ejemplo.com.')).toBeTruthy();
  });
});
