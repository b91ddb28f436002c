import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminVideo, ReportedVideo } from '../src/api/admin-types.ts';
import { ModerationPage } from '../src/organiser/moderation-page.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { json, problem, stubAccountApi, type ReceivedRequest } from './fake-account-api.ts';

const owner = { user_id: 'u1', name: 'Ana Pérez', email: 'ana@ejemplo.com', city: 'Bogotá' };

const reported = (changes: Partial<ReportedVideo> = {}): ReportedVideo => ({
  video_id: 'v1',
  title: 'Triple',
  status: 'processed',
  player: owner,
  processed_url: '/media/processed/v1.mp4',
  poster_url: '/media/processed/v1.jpg',
  open_reports: 3,
  by_reason: { inappropriate: 2, not_basketball: 0, not_own_content: 0, spam: 1, other: 0 },
  last_reported_at: '2026-03-18T20:30:00Z',
  reports: [
    { reason: 'inappropriate', details: 'Gestos ofensivos al final.', reported_at: '2026-03-18T20:30:00Z' },
    { reason: 'inappropriate', details: null, reported_at: '2026-03-18T19:00:00Z' },
    { reason: 'spam', details: null, reported_at: '2026-03-18T18:00:00Z' },
  ],
  ...changes,
});

const listed = (index: number, changes: Partial<AdminVideo> = {}): AdminVideo => ({
  video_id: `w${index}`,
  title: `Jugada ${index}`,
  status: 'processed',
  player: owner,
  uploaded_at: '2026-03-10T14:30:00Z',
  processed_at: '2026-03-10T14:32:00Z',
  processed_url: `/media/processed/w${index}.mp4`,
  poster_url: null,
  votes: index,
  open_reports: 0,
  total_reports: 0,
  hidden_reason: null,
  hidden_at: null,
  ...changes,
});

type Answers = Record<string, (request: ReceivedRequest) => Response>;

function openModeration(answers: Answers = {}, address = '/moderacion') {
  const api = stubAccountApi({
    'GET /api/admin/reports': () => json(200, [reported()]),
    'GET /api/admin/videos': () => json(200, [listed(1)], { 'x-total-count': '1' }),
    ...answers,
  });
  startSession('token-org', 3600, 'org@ejemplo.com');
  history.replaceState(null, '', address);
  render(<ModerationPage />);
  return { api, user: userEvent.setup() };
}

const queue = () => screen.getByRole('region', { name: 'Reportes pendientes' });
const allVideos = () => screen.getByRole('region', { name: 'Todos los videos' });

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('Moderación: the reports queue', () => {
  it('shows each reported video playable inline, its owner, its open reports by reason and the reports themselves', async () => {
    openModeration();
    const card = await within(queue()).findByRole('listitem', { name: 'Triple' });
    expect(within(card).getByRole('button', { name: 'Reproducir «Triple»' })).toBeTruthy();
    expect(card.querySelector('img')?.getAttribute('src')).toBe('/media/processed/v1.jpg');
    expect(within(card).getByText('Ana Pérez')).toBeTruthy();
    expect(within(card).getByText('ana@ejemplo.com')).toBeTruthy();
    expect(within(card).getByText('3 reportes pendientes')).toBeTruthy();
    expect(within(card).getByText('Contenido inapropiado: 2')).toBeTruthy();
    expect(within(card).getByText('Spam: 1')).toBeTruthy();
    expect(within(card).queryByText(/No es baloncesto/)).toBeNull();
    expect(within(card).getByText('Gestos ofensivos al final.')).toBeTruthy();
    expect(within(queue()).getByText('1 video con reportes pendientes.')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'Ver votos de «Triple»' }).getAttribute('href')).toBe(
      '/moderacion/votos?video=v1',
    );
  });

  it('hides a video with the reason given, then reads both lists again and says so', async () => {
    let hidden = false;
    const { api, user } = openModeration({
      'GET /api/admin/reports': () => json(200, hidden ? [] : [reported()]),
      'POST /api/admin/videos/v1/hide': () => {
        hidden = true;
        return json(200, {
          video_id: 'v1',
          status: 'hidden',
          hidden_reason: 'Gestos',
          hidden_at: '2026-03-19T10:00:00Z',
        });
      },
    });
    const card = await within(queue()).findByRole('listitem', { name: 'Triple' });
    await user.click(within(card).getByRole('button', { name: 'Ocultar «Triple»' }));
    const form = within(card).getByRole('form', { name: 'Ocultar «Triple»' });
    await user.type(within(form).getByLabelText('Motivo'), 'Gestos ofensivos');
    await user.click(within(form).getByRole('button', { name: 'Ocultar video' }));
    expect(
      await screen.findByText('«Triple» está oculto: ya no aparece en la galería ni cuenta en el ranking.'),
    ).toBeTruthy();
    expect(api.to('POST /api/admin/videos/v1/hide')).toEqual([
      expect.objectContaining({ authorization: 'Bearer token-org', body: { reason: 'Gestos ofensivos' } }),
    ]);
    await within(queue()).findByText('No hay reportes pendientes.');
    expect(api.to('GET /api/admin/reports')).toHaveLength(2);
    expect(api.to('GET /api/admin/videos')).toHaveLength(2);
  });

  it('asks for the reason before hiding', async () => {
    const { api, user } = openModeration();
    const card = await within(queue()).findByRole('listitem', { name: 'Triple' });
    await user.click(within(card).getByRole('button', { name: 'Ocultar «Triple»' }));
    await user.click(within(card).getByRole('button', { name: 'Ocultar video' }));
    expect(within(card).getByRole('alert').textContent).toBe('Escribe el motivo: queda en el registro de auditoría.');
    expect(document.activeElement).toBe(within(card).getByLabelText('Motivo'));
    expect(api.to('POST /api/admin/videos/v1/hide')).toHaveLength(0);
  });

  it("shows the API's refusal next to the action and keeps the form", async () => {
    const detail = 'Solo se puede ocultar un video publicado.';
    const { user } = openModeration({
      'POST /api/admin/videos/v1/hide': () => problem(400, 'VIDEO_NOT_PUBLISHED', detail),
    });
    const card = await within(queue()).findByRole('listitem', { name: 'Triple' });
    await user.click(within(card).getByRole('button', { name: 'Ocultar «Triple»' }));
    await user.type(within(card).getByLabelText('Motivo'), 'Spam');
    await user.click(within(card).getByRole('button', { name: 'Ocultar video' }));
    await waitFor(() => expect(within(card).getByRole('alert').textContent).toBe(detail));
    expect(within(card).getByRole('form', { name: 'Ocultar «Triple»' })).toBeTruthy();
  });

  it('dismisses the reports of a video with a reason and says how many', async () => {
    const { api, user } = openModeration({
      'POST /api/admin/videos/v1/dismiss-reports': () => json(200, { video_id: 'v1', dismissed: 3 }),
    });
    const card = await within(queue()).findByRole('listitem', { name: 'Triple' });
    await user.click(within(card).getByRole('button', { name: 'Descartar los reportes de «Triple»' }));
    await user.type(within(card).getByLabelText('Motivo'), 'Es una jugada legítima');
    await user.click(within(card).getByRole('button', { name: 'Descartar reportes' }));
    expect(await screen.findByText('Se descartaron 3 reportes de «Triple».')).toBeTruthy();
    expect(api.to('POST /api/admin/videos/v1/dismiss-reports')[0]?.body).toEqual({ reason: 'Es una jugada legítima' });
  });

  it('says when nothing waits for review', async () => {
    openModeration({ 'GET /api/admin/reports': () => json(200, []) });
    expect(await within(queue()).findByText('No hay reportes pendientes.')).toBeTruthy();
  });
});

describe('Moderación: every video', () => {
  it('restores a hidden video, the reason optional, and shows why it was hidden', async () => {
    const hiddenVideo = listed(2, {
      status: 'hidden',
      hidden_reason: 'Contenido ajeno',
      hidden_at: '2026-03-19T15:00:00Z',
      total_reports: 4,
    });
    const { api, user } = openModeration({
      'GET /api/admin/videos': () => json(200, [hiddenVideo], { 'x-total-count': '1' }),
      'POST /api/admin/videos/w2/restore': () =>
        json(200, { video_id: 'w2', status: 'processed', hidden_reason: null, hidden_at: null }),
    });
    const card = await within(allVideos()).findByRole('listitem', { name: 'Jugada 2' });
    expect(within(card).getByText('Oculto')).toBeTruthy();
    expect(within(card).getByText(/Contenido ajeno/)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Ocultar «Jugada 2»' })).toBeNull();
    await user.click(within(card).getByRole('button', { name: 'Restaurar «Jugada 2»' }));
    await user.click(within(card).getByRole('button', { name: 'Restaurar video' }));
    expect(await screen.findByText('«Jugada 2» vuelve a estar publicado.')).toBeTruthy();
    expect(api.to('POST /api/admin/videos/w2/restore')[0]?.body).toEqual({});
  });

  it('shows when each video was uploaded, its votes and its reports, open ones apart', async () => {
    openModeration({
      'GET /api/admin/videos': () =>
        json(200, [listed(7, { total_reports: 3, open_reports: 1 })], { 'x-total-count': '1' }),
    });
    const card = await within(allVideos()).findByRole('listitem', { name: 'Jugada 7' });
    expect(within(card).getByText(/^Subido el .*2026.* · 7 votos · 3 reportes \(1 pendiente\)$/)).toBeTruthy();
  });

  it('filters by status and city through the address and pages with X-Total-Count', async () => {
    const { api, user } = openModeration({
      'GET /api/admin/videos': (request) => {
        const offset = Number(request.url.searchParams.get('offset'));
        return json(
          200,
          Array.from({ length: Math.min(20, 45 - offset) }, (_, i) => listed(offset + i + 1)),
          { 'x-total-count': '45' },
        );
      },
    });
    await within(allVideos()).findByText('45 videos');
    await user.selectOptions(screen.getByLabelText('Estado'), 'hidden');
    await waitFor(() => expect(api.to('GET /api/admin/videos').at(-1)?.url.searchParams.get('status')).toBe('hidden'));
    await user.type(within(allVideos()).getByLabelText('Ciudad'), 'Cali');
    await user.click(within(allVideos()).getByRole('button', { name: 'Aplicar' }));
    await waitFor(() => expect(api.to('GET /api/admin/videos').at(-1)?.url.searchParams.get('city')).toBe('Cali'));
    await user.click(screen.getByRole('link', { name: 'Siguiente →' }));
    await within(allVideos()).findByRole('listitem', { name: 'Jugada 21' });
    const last = api.to('GET /api/admin/videos').at(-1)?.url.searchParams;
    expect([last?.get('status'), last?.get('city'), last?.get('offset'), last?.get('limit')]).toEqual([
      'hidden',
      'Cali',
      '20',
      '20',
    ]);
    expect(screen.getByText('Página 2 de 3')).toBeTruthy();
  });

  it("shows the API's refusal when the account may not moderate", async () => {
    const detail = 'Esta acción es solo para el equipo organizador del concurso.';
    openModeration({
      'GET /api/admin/reports': () => problem(403, 'FORBIDDEN', detail),
      'GET /api/admin/videos': () => problem(403, 'FORBIDDEN', detail),
    });
    await waitFor(() => expect(screen.getAllByText(detail)).toHaveLength(2));
  });
});
