import type { PlayerVotes } from '../domain/ranking.ts';

export interface RankingQuery {
  cityKey: string | undefined;
  limit: number;
  offset: number;
  /** Name each player's most voted published video (one more lookup per row). */
  withTopVideo: boolean;
}

export interface RankingRepository {
  /** Players with votes, most voted first, plus how many have strictly more votes than the page's first. */
  rankingPage(query: RankingQuery): Promise<{ players: PlayerVotes[]; playersAheadOfPage: number }>;
  /** The player's position in their city's ranking (ties share it); null while no vote of theirs counts. */
  cityPositionOf(playerId: string): Promise<number | null>;
}
