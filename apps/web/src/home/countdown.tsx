import { useEffect, useRef } from 'preact/hooks';
import { describeRemaining, remainingUntil } from '../lib/contest-time.ts';
import { useNow } from '../lib/use-now.ts';

interface CountdownProps {
  /** ISO 8601. */
  deadline: string;
  /** "Las subidas cierran en": names what ends. */
  label: string;
  /** Once, when the time has come: the phase has changed on the server. */
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
  const told = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!reached || told.current === deadline) return;
    told.current = deadline;
    onReached();
  }, [reached, deadline]);

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
