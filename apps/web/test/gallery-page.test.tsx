import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicVideo, RankedPlayer } from '../src/api/types.ts';
import { GalleryPage } from '../src/gallery/gallery-page.tsx';
import { RankingsPage } from '../src/rankings/rankings-page.tsx';

const publicVideo = (index: number): PublicVideo => ({
  video_id: `v${index}`,
  title: `Jugada ${index}`,
  player_name: 'Ana Pérez',
  city: 'Bogotá',
  country: 'Colombia',
  processed_url: `http://localhost/media/processed/v${index}.mp4`,
  poster_url: `http://localhost/media/processed/v${index}.jpg`,
  votes: index,
  uploaded_at: '2025-03-10T14:30:00Z',
});
const player = (index: number): RankedPlayer => ({
  position: index,
  username: `Jugador ${index}`,
  city: 'Cali',
  votes: 100 - index,
});

/** The API as the pages see it: answers by path, every request recorded. */
function stubApi(answer: (url: URL) => { body: unknown; total?: number }) {
  const requests: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://localhost');
      requests.push(url);
      const { body, total } = answer(url);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (total !== undefined) headers['x-total-count'] = String(total);
      return new Response(JSON.stringify(body), { status: 200, headers });
    }),
  );
  return requests;
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => vi.unstubAllGlobals());

describe('the gallery', () => {
  it('shows the poster lazily, title, player, city and votes of each published video', async () => {
    stubApi(() => ({ body: [publicVideo(1)], total: 1 }));
    render(<GalleryPage />);
    const card = await screen.findByRole('listitem', { name: 'Jugada 1' });
    expect(within(card).getByText('Ana Pérez')).toBeTruthy();
    expect(within(card).getByText(/Bogotá, Colombia/)).toBeTruthy();
    expect(within(card).getByText('1 voto')).toBeTruthy();
    const poster = card.querySelector('img');
    expect(poster?.getAttribute('loading')).toBe('lazy');
    expect(poster?.getAttribute('src')).toBe('http://localhost/media/processed/v1.jpg');
    expect(card.querySelector('video')).toBeNull();
  });

  it('pages through X-Total-Count, 12 videos a page', async () => {
    const requests = stubApi((url) => {
      const offset = Number(url.searchParams.get('offset'));
      return { body: Array.from({ length: Math.min(12, 30 - offset) }, (_, i) => publicVideo(offset + i)), total: 30 };
    });
    const user = userEvent.setup();
    render(<GalleryPage />);
    await screen.findByText('30 videos publicados · página 1 de 3');
    await user.click(screen.getByRole('link', { name: 'Siguiente →' }));
    await screen.findByRole('listitem', { name: 'Jugada 12' });
    expect(screen.getByText('30 videos publicados · página 2 de 3')).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: 'Jugada 0' })).toBeNull();
    expect(location.search).toBe('?pagina=2');
    expect(requests.at(-1)?.searchParams.get('offset')).toBe('12');
    expect(requests.at(-1)?.searchParams.get('limit')).toBe('12');
    await waitFor(() => expect(document.activeElement?.id).toBe('gallery-results'));
  });

  it('filters by city and sorts by votes through the address', async () => {
    const requests = stubApi(() => ({ body: [], total: 0 }));
    const user = userEvent.setup();
    render(<GalleryPage />);
    await screen.findByText('Todavía no hay videos publicados aquí.');
    expect(requests[0]?.searchParams.get('sort')).toBe('recent');
    await user.type(screen.getByLabelText('Ciudad'), 'Medellín');
    await user.click(screen.getByRole('button', { name: 'Aplicar' }));
    await waitFor(() => expect(requests.at(-1)?.searchParams.get('city')).toBe('Medellín'));
    await user.selectOptions(screen.getByLabelText('Ordenar por'), 'votos');
    await waitFor(() => expect(requests.at(-1)?.searchParams.get('sort')).toBe('votes'));
    expect(new URLSearchParams(location.search).get('ciudad')).toBe('Medellín');
    expect(screen.getByRole('heading', { name: 'Videos de Medellín' })).toBeTruthy();
  });
});

describe('the rankings page', () => {
  it('asks for one row more than a page to know whether there is a next page', async () => {
    const requests = stubApi(() => ({ body: Array.from({ length: 21 }, (_, i) => player(i + 1)) }));
    render(<RankingsPage />);
    await screen.findByRole('table');
    expect(requests[0]?.searchParams.get('limit')).toBe('21');
    expect(screen.getAllByRole('row')).toHaveLength(1 + 20);
    expect(screen.getByRole('link', { name: 'Siguiente →' })).toBeTruthy();
  });

  it('says that a person counts once per player', async () => {
    stubApi(() => ({ body: [player(1)] }));
    render(<RankingsPage />);
    await screen.findByRole('table');
    expect(screen.getByText(/Cada persona cuenta una vez por jugador/)).toBeTruthy();
  });
});
