export type VoteOutcome = 'counted' | 'duplicate' | 'own_video' | 'not_found' | 'voting_closed';

export interface VoteRepository {
  /**
   * Durable once it resolves 'counted' (a synchronous commit): the vote row and its place in the tally's
   * queue are one transaction. No counter moves here; the tally moves them (`VoteTally`).
   */
  castVote(videoId: string, voterId: string): Promise<VoteOutcome>;
}

/** Adds answered votes to the video and player counters, off the request path. */
export interface VoteTally {
  /**
   * Moves up to `maxVotes` queued votes into the counters in one transaction and says how many it moved;
   * 0 when there were none or another process is tallying right now.
   */
  tallyQueued(maxVotes: number): Promise<number>;
}
