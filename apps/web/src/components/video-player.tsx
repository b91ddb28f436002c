import { useEffect, useRef, useState } from 'preact/hooks';

interface VideoPlayerProps {
  src: string;
  poster: string | null | undefined;
  title: string;
}

/**
 * The poster as a lazy image with a play button; the <video> (and its bytes) only once asked for.
 * Twelve cards do not download twelve clips, and the clip seeks through HTTP Range once playing.
 */
export function VideoPlayer({ src, poster, title }: VideoPlayerProps) {
  const [playing, setPlaying] = useState(!poster);
  const video = useRef<HTMLVideoElement>(null);
  const started = useRef(false);

  useEffect(() => {
    if (!playing || !poster || started.current || !video.current) return;
    started.current = true;
    video.current.focus();
    video.current.play().catch(() => undefined);
  }, [playing]);

  if (!playing && poster) {
    return (
      <button type="button" class="video-facade" onClick={() => setPlaying(true)}>
        <img src={poster} alt="" loading="lazy" decoding="async" width={1280} height={720} />
        <span class="play-icon" aria-hidden="true" />
        <span class="visually-hidden">Reproducir «{title}»</span>
      </button>
    );
  }
  return (
    <video
      ref={video}
      class="video"
      src={src}
      poster={poster ?? undefined}
      controls
      playsInline
      preload={poster ? 'auto' : 'metadata'}
      aria-label={`Video: ${title}`}
    />
  );
}
