export type VoteOutcome = 'counted' | 'duplicate' | 'own_video' | 'not_found';

export interface VoteRepository {
  /** Atomic: the vote row and both counters (video, player) change together or not at all. */
  castVote(videoId: string, voterId: string): Promise<VoteOutcome>;
}
