import { render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RankedPlayer } from '../src/api/types.ts';
import { RankingsPage } from '../src/rankings/rankings-page.tsx';
import { json, stubAccountApi } from './fake-account-api.ts';

const players: RankedPlayer[] = [{ position: 1, username: 'Ana Pérez', city: 'Cali', votes: 9 }];

function openRankings(status?: string) {
  stubAccountApi({
    'GET /api/public/rankings': () => json(200, players, status ? { 'x-ranking-status': status } : {}),
  });
  render(<RankingsPage />);
}

beforeEach(() => history.replaceState(null, '', '/ranking'));
afterEach(() => vi.unstubAllGlobals());

describe('the rankings say whether they are final', () => {
  it('says "Resultados finales" once the API marks the ranking final', async () => {
    openRankings('final');
    expect(await screen.findByText('Resultados finales.')).toBeTruthy();
    expect(screen.queryByText('Resultados provisionales.')).toBeNull();
  });

  it('says "Resultados provisionales" while voting is open', async () => {
    openRankings('provisional');
    expect(await screen.findByText('Resultados provisionales.')).toBeTruthy();
    expect(screen.queryByText('Resultados finales.')).toBeNull();
  });

  it('never claims final results when the API does not say so', async () => {
    openRankings();
    await screen.findByRole('table');
    await waitFor(() => expect(screen.getByText('Resultados provisionales.')).toBeTruthy());
  });
});
