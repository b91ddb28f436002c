import { describe, expect, it } from 'vitest';
import { assignPositions } from '../src/domain/ranking.ts';

const players = (...votes: number[]) =>
  votes.map((count, index) => ({ username: `P${index}`, city: 'Cali', votes: count }));

describe('assignPositions', () => {
  it('gives tied players the same position and skips the positions they fill (1, 2, 2, 4)', () => {
    expect(assignPositions(players(10, 7, 7, 3), 0, 0).map((player) => player.position)).toEqual([1, 2, 2, 4]);
  });

  it('keeps a tie that starts on the previous page at its first position', () => {
    // Full ranking 9, 5, 5, 5, 2: the second page (offset 2) holds 5, 5, 2.
    expect(assignPositions(players(5, 5, 2), 1, 2).map((player) => player.position)).toEqual([2, 2, 5]);
  });

  it('numbers a page without ties from its offset', () => {
    expect(assignPositions(players(4, 3), 20, 20).map((player) => player.position)).toEqual([21, 22]);
  });

  it('keeps the player fields', () => {
    expect(assignPositions(players(1), 0, 0)).toEqual([{ position: 1, username: 'P0', city: 'Cali', votes: 1 }]);
  });

  it('returns nothing for an empty page', () => {
    expect(assignPositions([], 0, 40)).toEqual([]);
  });
});
