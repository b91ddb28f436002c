import { linkReturnPathPattern } from '@anb/core/account-security-texts';
import { navigate, withQuery } from './router.ts';

// A shared video's page is `/v/{id}`; `?votar=1` asks it to cast the visitor's vote as soon as they are signed in.

const VOTE_REQUEST = 'votar';
const videoPathPattern = /^\/v\/([^/]+)$/;

export const videoPagePath = (videoId: string) => `/v/${encodeURIComponent(videoId)}`;

/** Where sign-up, sign-in and the confirmation mail lead back to, to cast the vote there. */
export const voteReturnPath = (videoId: string) => `${videoPagePath(videoId)}?${VOTE_REQUEST}=1`;

/** The video a `/v/{id}` path shows; undefined for any other path. */
export function videoIdOf(path: string): string | undefined {
  const match = videoPathPattern.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

export const asksForVote = (query: URLSearchParams) => query.get(VOTE_REQUEST) === '1';

/** A `volver` leading back to a video to vote: the API accepts only these as a mail's `return_to`. */
export const isVoteReturnPath = (value: string | null): value is string =>
  value !== null && linkReturnPathPattern.test(value);

/** A signed-out visitor who pressed "Votar": sign up (or in) first, then back to the video, which votes. */
export function signUpToVote(videoId: string): void {
  navigate(withQuery('/registro', { volver: voteReturnPath(videoId) }));
}

/** Keeps `?votar=1` in the address (a reload tries again) or drops it once the vote is settled. */
export function setVoteRequest(videoId: string, wanted: boolean): void {
  const target = wanted ? voteReturnPath(videoId) : videoPagePath(videoId);
  if (location.pathname + location.search !== target) navigate(target, { replace: true });
}
