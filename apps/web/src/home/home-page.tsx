import { fetchContest } from '../api/contest.api.ts';
import { GalleryPage } from '../gallery/gallery-page.tsx';
import { useRemote } from '../lib/use-remote.ts';
import { ContestIntro } from './contest-intro.tsx';

/**
 * `/`: the contest in its own words above the gallery. The gallery works as before without the contest
 * (an API that cannot answer it leaves only the intro out).
 */
export function HomePage() {
  const { data: contest, reload } = useRemote((signal) => fetchContest(signal), []);
  return (
    <GalleryPage
      title={contest?.name ?? 'ANB Rising Stars Showcase'}
      intro={contest && <ContestIntro contest={contest} onDeadline={reload} />}
    />
  );
}
