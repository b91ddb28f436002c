import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { anAccount, json, problem, stubAccountApi } from './fake-account-api.ts';
import { expectFocusOn } from './focus.ts';

const organiserMenu = ['Moderación', 'Calendario', 'Resultados', 'Auditoría'];
const me = (role: 'player' | 'organiser') => () =>
  json(200, anAccount({ email_verified: true, vote_refusal: null, role }));

function openApp(path: string, role?: 'player' | 'organiser', token = `token-${Math.random()}`) {
  const api = stubAccountApi({
    'GET /api/contest': () => problem(404, 'NOT_FOUND', 'No existe.'),
    'GET /api/public/videos': () => json(200, [], { 'x-total-count': '0' }),
    ...(role ? { 'GET /api/auth/me': me(role) } : {}),
    'GET /api/admin/reports': () => json(200, []),
    'GET /api/admin/videos': () => json(200, [], { 'x-total-count': '0' }),
    'GET /api/admin/audit': () => json(200, [], { 'x-total-count': '0' }),
  });
  if (role) startSession(token, 3600, 'ana@ejemplo.com');
  history.replaceState(null, '', path);
  render(<App />);
  return api;
}

const adminRequests = (api: ReturnType<typeof openApp>) =>
  api.requests.filter((request) => request.route.includes('/api/admin/'));

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe("the organisers' menu and pages", () => {
  it('shows Moderación, Calendario, Resultados and Auditoría to an organiser', async () => {
    openApp('/', 'organiser');
    const menu = await screen.findByRole('navigation', { name: 'Organización' });
    expect(
      within(menu)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(organiserMenu);
    expect(within(menu).getByRole('link', { name: 'Moderación' }).getAttribute('href')).toBe('/moderacion');
  });

  it('hides them from a player', async () => {
    const api = openApp('/', 'player');
    await waitFor(() => expect(api.to('GET /api/auth/me')).toHaveLength(1));
    await screen.findByRole('link', { name: 'Mi cuenta' });
    expect(screen.queryByRole('navigation', { name: 'Organización' })).toBeNull();
    for (const name of organiserMenu) expect(screen.queryByRole('link', { name })).toBeNull();
  });

  it('hides them from a visitor who is not signed in', async () => {
    openApp('/');
    await screen.findByRole('link', { name: 'Ingresar' });
    expect(screen.queryByRole('navigation', { name: 'Organización' })).toBeNull();
  });

  it("refuses an organiser page to a player without asking the organisers' routes", async () => {
    const api = openApp('/moderacion', 'player');
    expect(await screen.findByRole('heading', { level: 1, name: 'Solo para la organización' })).toBeTruthy();
    expect(screen.getByText(/Esta página es solo para los organizadores del concurso/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Moderación' })).toBeNull();
    expect(adminRequests(api)).toHaveLength(0);
  });

  it('sends a signed-out visitor to sign in first, and back afterwards', async () => {
    const api = openApp('/calendario');
    await waitFor(() => expect(location.pathname).toBe('/ingresar'));
    expect(new URLSearchParams(location.search).get('volver')).toBe('/calendario');
    expect(adminRequests(api)).toHaveLength(0);
  });

  it('opens the page for an organiser', async () => {
    const api = openApp('/moderacion', 'organiser');
    expect(await screen.findByRole('heading', { level: 1, name: 'Moderación' })).toBeTruthy();
    await waitFor(() => expect(api.to('GET /api/admin/reports')).toHaveLength(1));
  });

  it('moves the focus to the heading of an organiser page once its code has loaded', async () => {
    openApp('/', 'organiser');
    const menu = await screen.findByRole('navigation', { name: 'Organización' });
    await userEvent.setup().click(within(menu).getByRole('link', { name: 'Auditoría' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Auditoría' });
    await expectFocusOn(heading);
    expect(location.pathname).toBe('/auditoria');
  });

  it("shows the API's refusal when the account lost the organiser role meanwhile", async () => {
    const detail = 'Esta acción es solo para el equipo organizador del concurso.';
    stubAccountApi({
      'GET /api/auth/me': me('organiser'),
      'GET /api/admin/results': () => problem(403, 'FORBIDDEN', detail),
    });
    startSession('token-forbidden', 3600, 'ana@ejemplo.com');
    history.replaceState(null, '', '/resultados');
    render(<App />);
    expect(await screen.findByText(detail)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
