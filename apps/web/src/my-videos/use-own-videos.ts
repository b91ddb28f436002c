import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api/api-error.ts';
import type { OwnVideo } from '../api/types.ts';
import { usePolling } from '../lib/use-polling.ts';
import { isPending, statusLabels } from './video-status.tsx';

const REFRESH_MS = 3_000;

/** The player's videos, refreshed while any is still queued or processing, with each change put into words. */
export function useOwnVideos(load: () => Promise<OwnVideo[]>) {
  const [videos, setVideos] = useState<OwnVideo[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const shown = useRef<OwnVideo[] | undefined>(undefined);

  const refresh = async () => {
    try {
      const next = await load();
      const changes = describeChanges(shown.current, next);
      if (changes) setAnnouncement(changes);
      shown.current = next;
      setVideos(next);
      setLoadError(undefined);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  };

  useEffect(() => void refresh(), []);
  usePolling(refresh, REFRESH_MS, videos?.some((video) => isPending(video.status)) ?? false);

  const forget = (videoId: string) => {
    shown.current = shown.current?.filter((video) => video.video_id !== videoId);
    setVideos(shown.current);
  };
  return { videos, loadError, announcement, setAnnouncement, forget };
}

function describeChanges(previous: OwnVideo[] | undefined, next: OwnVideo[]): string {
  if (!previous) return '';
  const before = new Map(previous.map((video) => [video.video_id, video.status]));
  return next
    .filter((video) => before.has(video.video_id) && before.get(video.video_id) !== video.status)
    .map((video) => `«${video.title}»: ${statusLabels[video.status].toLowerCase()}.`)
    .join(' ');
}
