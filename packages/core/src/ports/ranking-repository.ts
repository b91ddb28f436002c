import type { PlayerVotes } from '../domain/ranking.ts';

export interface RankingQuery {
  cityKey: string | undefined;
  limit: number;
  offset: number;
}

export interface RankingRepository {
  /** Players with votes, most voted first, plus how many have strictly more votes than the page's first. */
  rankingPage(query: RankingQuery): Promise<{ players: PlayerVotes[]; playersAheadOfPage: number }>;
}
