export interface PlayerVotes {
  username: string;
  city: string;
  votes: number;
  /** The player's most voted published video, which their ranking row links to; when asked for. */
  videoId?: string | null;
}

export interface RankedPlayer extends PlayerVotes {
  position: number;
}

/**
 * Standard competition ranking (1, 2, 2, 4) for one page of players already ordered by votes.
 * `playersAheadOfPage` counts players with strictly more votes than the page's first player,
 * so a tie that straddles two pages still shares one position.
 */
export function assignPositions<P extends { votes: number }>(
  page: readonly P[],
  playersAheadOfPage: number,
  offset: number,
): (P & { position: number })[] {
  let position = playersAheadOfPage + 1;
  return page.map((player, index) => {
    const previous = page[index - 1];
    if (previous && previous.votes !== player.votes) position = offset + index + 1;
    return { position, ...player };
  });
}
