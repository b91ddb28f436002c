import { useEffect, useState } from 'preact/hooks';
import { listMyVideos } from '../api/videos.api.ts';
import { useSession } from '../session/session.ts';

const none: ReadonlySet<string> = new Set();

/**
 * The signed-in player's own videos, so their cards show "Tu video" rather than a "Votar" the API would refuse
 * (the gallery's list does not say whose a video is). Nothing while signed out or if the list cannot be read.
 */
export function useOwnVideoIds(): ReadonlySet<string> {
  const token = useSession()?.token;
  const [ids, setIds] = useState(none);
  useEffect(() => {
    setIds(none);
    if (!token) return;
    const controller = new AbortController();
    listMyVideos(controller.signal).then(
      (videos) => setIds(new Set(videos.map((video) => video.video_id))),
      () => undefined,
    );
    return () => controller.abort();
  }, [token]);
  return ids;
}
