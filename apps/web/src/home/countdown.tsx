import { useEffect, useRef } from 'preact/hooks';
import { describeRemaining, remainingUntil } from '../lib/contest-time.ts';
import { useNow } from '../lib/use-now.ts';

/** A browser clock ahead of the server's sees the deadline first: the phase is asked for again this often. */
const ASK_AGAIN_MS = 5_000;

interface CountdownProps {
  /** ISO 8601. */
  deadline: string;
  /** "Las subidas cierran en": names what ends. */
  label: string;
  /** When the time has come, and every few seconds after while the server has not moved on (clock skew). */
  onReached(): void;
}

/**
 * Days, hours, minutes and seconds to the next deadline, ticking every second. Screen readers are not
 * interrupted each second (aria-live off); the timer reads out in words, to the minute, when reached.
 */
export function Countdown({ deadline, label, onReached }: CountdownProps) {
  const now = useNow(1_000);
  const at = Date.parse(deadline);
  const left = remainingUntil(at, now);
  const reached = now >= at;
  const askedAt = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!reached || (askedAt.current !== undefined && now - askedAt.current < ASK_AGAIN_MS)) return;
    askedAt.current = now;
    onReached();
  }, [reached, now]);

  if (reached) return <p class="countdown-label">Plazo cumplido. Actualizando el estado del concurso…</p>;
  const units = [
    [left.days, left.days === 1 ? 'día' : 'días'],
    [left.hours, left.hours === 1 ? 'hora' : 'horas'],
    [left.minutes, left.minutes === 1 ? 'minuto' : 'minutos'],
    [left.seconds, left.seconds === 1 ? 'segundo' : 'segundos'],
  ] as const;
  return (
    <div class="countdown">
      <p class="countdown-label" id="countdown-label">
        {label}
      </p>
      <div role="timer" aria-live="off" aria-labelledby="countdown-label" aria-describedby="countdown-words">
        <ol class="countdown-units" aria-hidden="true">
          {units.map(([value, unit]) => (
            <li key={unit}>
              <span class="countdown-value">{String(value).padStart(2, '0')}</span>
              <span class="countdown-unit">{unit}</span>
            </li>
          ))}
        </ol>
        <p id="countdown-words" class="visually-hidden">
          {describeRemaining(left)}
        </p>
      </div>
    </div>
  );
}
