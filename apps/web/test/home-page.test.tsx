import { act, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Contest, PublicVideo } from '../src/api/types.ts';
import { HomePage } from '../src/home/home-page.tsx';
import { json, problem, stubAccountApi } from './fake-account-api.ts';

const now = Date.parse('2026-03-18T15:00:00Z');

const aContest = (changes: Partial<Contest> = {}): Contest => ({
  name: 'ANB Rising Stars 2026',
  rules: 'Un video por jugador.\nSolo jugadas propias.',
  selected_per_city: 3,
  time_zone: 'America/Bogota',
  // 23:59 of 20 March in Bogotá; 23:59 of 31 March for the votes.
  uploads_close_at: '2026-03-21T04:59:00Z',
  voting_closes_at: '2026-04-01T04:59:00Z',
  phase: 'open',
  next_deadline_at: '2026-03-21T04:59:00Z',
  ...changes,
});

const aVideo: PublicVideo = {
  video_id: 'v1',
  title: 'Triple',
  player_name: 'Ana Pérez',
  city: 'Bogotá',
  country: 'Colombia',
  processed_url: '/media/v1.mp4',
  poster_url: null,
  votes: 2,
  uploaded_at: '2026-03-10T14:30:00Z',
};

function stubHome(contest: () => Response) {
  return stubAccountApi({
    'GET /api/contest': contest,
    'GET /api/public/videos': () => json(200, [aVideo], { 'x-total-count': '1' }),
  });
}

/** Effects run on a (real) timer after the render: the countdown ticks once its interval is set. */
const ticking = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const countdown = () => screen.getByRole('timer');
const shownUnits = () =>
  Array.from(countdown().querySelectorAll('.countdown-units li')).map((unit) => unit.textContent);

beforeEach(() => {
  history.replaceState(null, '', '/');
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the home page for a first-time visitor', () => {
  it("names the contest, says how to take part and shows the rules, dates in Bogotá's time and places per city", async () => {
    stubHome(() => json(200, aContest()));
    render(<HomePage />);
    expect(await screen.findByRole('heading', { level: 1, name: 'ANB Rising Stars 2026' })).toBeTruthy();
    expect(screen.getByText(/los 3 jugadores más votados de cada ciudad quedan seleccionados/, { selector: '.lead' }));
    const steps = screen.getByRole('heading', { name: 'Cómo participar' }).parentElement as HTMLElement;
    expect(within(steps).getByRole('link', { name: 'Crea tu cuenta' }).getAttribute('href')).toBe('/registro');
    expect(within(steps).getByRole('link', { name: 'Sube tu video' }).getAttribute('href')).toBe('/subir');
    const dates = screen.getByRole('heading', { name: 'Fechas' }).parentElement as HTMLElement;
    // 04:59 UTC on the 21st is 11:59 p. m. of the 20th in Bogotá.
    expect(within(dates).getByText(/^viernes, 20 de marzo de 2026, 11:59/)).toBeTruthy();
    expect(within(dates).getByText(/^martes, 31 de marzo de 2026, 11:59/)).toBeTruthy();
    expect(within(dates).getByText('3')).toBeTruthy();
    expect(screen.getByText('Reglamento del concurso')).toBeTruthy();
    expect(document.querySelector('.rules-text')?.textContent).toBe('Un video por jugador.\nSolo jugadas propias.');
    expect(screen.getByText('Subidas y votaciones abiertas')).toBeTruthy();
  });

  it('keeps the gallery under the introduction, with its votes', async () => {
    stubHome(() => json(200, aContest()));
    render(<HomePage />);
    const card = await screen.findByRole('listitem', { name: 'Triple' });
    expect(within(card).getByText('2 votos')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Todos los videos' })).toBeTruthy();
  });

  it('counts down to the next deadline, every second', async () => {
    stubHome(() => json(200, aContest()));
    render(<HomePage />);
    await screen.findByText('Las subidas de videos cierran en');
    await ticking();
    // From 15:00 UTC on the 18th to 04:59 UTC on the 21st: 2 days, 13 h 59 min.
    expect(shownUnits()).toEqual(['02días', '13horas', '59minutos', '00segundos']);
    expect(countdown().textContent).toContain('2 días, 13 horas y 59 minutos');
    act(() => void vi.advanceTimersByTime(1_000));
    expect(shownUnits()).toEqual(['02días', '13horas', '58minutos', '59segundos']);
    act(() => void vi.advanceTimersByTime(60_000));
    expect(shownUnits()).toEqual(['02días', '13horas', '57minutos', '59segundos']);
  });

  it('asks for the new phase when the deadline passes and counts down to the next one', async () => {
    let contest = aContest({ next_deadline_at: new Date(now + 3_000).toISOString() });
    const api = stubHome(() => json(200, contest));
    render(<HomePage />);
    await screen.findByText('Las subidas de videos cierran en');
    await ticking();
    contest = aContest({ phase: 'voting', next_deadline_at: contest.voting_closes_at });
    act(() => void vi.advanceTimersByTime(3_000));
    expect(await screen.findByText('La votación cierra en')).toBeTruthy();
    expect(screen.getByText('Subidas cerradas · votación abierta')).toBeTruthy();
    expect(api.to('GET /api/contest')).toHaveLength(2);
  });

  it('asks again a few seconds later while the server has not reached the deadline yet', async () => {
    const deadline = new Date(now + 2_000).toISOString();
    let contest = aContest({ next_deadline_at: deadline });
    const api = stubHome(() => json(200, contest));
    render(<HomePage />);
    await screen.findByText('Las subidas de videos cierran en');
    await ticking();
    act(() => void vi.advanceTimersByTime(2_000));
    await waitFor(() => expect(api.to('GET /api/contest')).toHaveLength(2));
    expect(screen.getByText('Plazo cumplido. Actualizando el estado del concurso…')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(1_000));
    expect(api.to('GET /api/contest')).toHaveLength(2);
    contest = aContest({ phase: 'voting', next_deadline_at: contest.voting_closes_at });
    act(() => void vi.advanceTimersByTime(4_000));
    expect(await screen.findByText('La votación cierra en')).toBeTruthy();
    expect(api.to('GET /api/contest')).toHaveLength(3);
  });

  it('once voting has closed, says the results are final and links to them, with no countdown', async () => {
    stubHome(() => json(200, aContest({ phase: 'closed', next_deadline_at: null })));
    render(<HomePage />);
    expect(await screen.findByText('Concurso cerrado · resultados finales')).toBeTruthy();
    expect(screen.getByText(/La votación cerró el martes, 31 de marzo de 2026/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ver los resultados finales' }).getAttribute('href')).toBe('/ranking');
    expect(screen.queryByRole('timer')).toBeNull();
  });

  it('says when no closing date is set yet', async () => {
    stubHome(() => json(200, aContest({ uploads_close_at: null, voting_closes_at: null, next_deadline_at: null })));
    render(<HomePage />);
    expect(await screen.findByText('Todavía no hay fecha de cierre.')).toBeTruthy();
    expect(screen.getAllByText('Sin fecha definida')).toHaveLength(2);
  });

  it('still shows the gallery when the contest cannot be read', async () => {
    stubHome(() => problem(500, 'INTERNAL', 'Error interno.'));
    render(<HomePage />);
    expect(await screen.findByRole('listitem', { name: 'Triple' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ANB Rising Stars Showcase'),
    );
    expect(screen.queryByRole('timer')).toBeNull();
  });
});
