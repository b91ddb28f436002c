import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { RankingsTable } from '../src/rankings/rankings-table.tsx';

describe('the rankings table', () => {
  it('shows tied players with the same position, marked as a tie', () => {
    const players = [
      { position: 1, username: 'Ana Pérez', city: 'Bogotá', votes: 9 },
      { position: 2, username: 'Luis Díaz', city: 'Cali', votes: 5 },
      { position: 2, username: 'Sara Ruiz', city: 'Cali', votes: 5 },
      { position: 4, username: 'Juan Mora', city: 'Pasto', votes: 1 },
    ];
    render(<RankingsTable players={players} caption="Jugadores por votos" />);
    const rows = within(screen.getByRole('table', { name: 'Jugadores por votos' }))
      .getAllByRole('row')
      .slice(1);
    const positions = rows.map((row) => row.querySelector('td.position')?.textContent);
    expect(positions).toEqual(['1', '2 (empate)', '2 (empate)', '4']);
    expect(within(rows[3] as HTMLElement).getByText('1 voto')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByRole('rowheader').textContent).toContain('Ana Pérez');
  });
});
