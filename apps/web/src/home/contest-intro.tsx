import type { Contest } from '../api/types.ts';
import { formatContestDate, zoneName } from '../lib/contest-time.ts';
import { Link } from '../lib/link.tsx';
import { phaseTexts } from './contest-phase.ts';
import { Countdown } from './countdown.tsx';

interface ContestIntroProps {
  contest: Contest;
  /** A deadline has passed: ask the API for the new phase. */
  onDeadline(): void;
}

/** What a first-time visitor needs: what this is, how to take part, the dates, the phase, the rules. */
export function ContestIntro({ contest, onDeadline }: ContestIntroProps) {
  const { phase, time_zone: zone } = contest;
  const texts = phaseTexts[phase];
  const when = (iso: string | null) => (iso ? formatContestDate(iso, zone) : 'Sin fecha definida');
  const selected =
    contest.selected_per_city === 1
      ? 'el jugador más votado'
      : `los ${contest.selected_per_city} jugadores más votados`;
  return (
    <div class="contest-intro">
      <p class="lead">
        El concurso de la Asociación Nacional de Baloncesto para jugadores aficionados: sube un video con tus mejores
        jugadas, el público vota y {selected} de cada ciudad quedan seleccionados.
      </p>
      <div class={`contest-status phase-${phase}`}>
        <p class="phase-badge">
          <span class="visually-hidden">Fase actual: </span>
          {texts.badge}
        </p>
        {texts.countdown && contest.next_deadline_at ? (
          <>
            <Countdown
              key={contest.next_deadline_at}
              deadline={contest.next_deadline_at}
              label={texts.countdown}
              onReached={onDeadline}
            />
            <p class="hint">Cierre: {when(contest.next_deadline_at)}</p>
          </>
        ) : phase === 'closed' ? (
          <p>
            La votación cerró el {when(contest.voting_closes_at)}.{' '}
            <Link class="action-link" href="/ranking">
              Ver los resultados finales
            </Link>
          </p>
        ) : (
          <p class="hint">Todavía no hay fecha de cierre.</p>
        )}
      </div>
      <div class="intro-grid">
        <section aria-labelledby="how-to-take-part">
          <h2 id="how-to-take-part">Cómo participar</h2>
          <ol class="steps">
            <li>
              <Link class="action-link" href="/registro">
                Crea tu cuenta
              </Link>{' '}
              de jugador con tu ciudad.
            </li>
            <li>
              <Link class="action-link" href="/subir">
                Sube tu video
              </Link>{' '}
              antes del cierre de subidas.
            </li>
            <li>El público vota: un voto por persona y por video.</li>
            <li>
              Al cerrar la votación, {selected} de cada ciudad quedan seleccionados.{' '}
              <Link class="action-link" href="/ranking">
                Ver el ranking
              </Link>
            </li>
          </ol>
        </section>
        <section aria-labelledby="contest-dates">
          <h2 id="contest-dates">Fechas</h2>
          <dl class="contest-dates">
            <dt>Cierre de subidas</dt>
            <dd>{when(contest.uploads_close_at)}</dd>
            <dt>Cierre de la votación</dt>
            <dd>{when(contest.voting_closes_at)}</dd>
            <dt>Seleccionados por ciudad</dt>
            <dd>{contest.selected_per_city}</dd>
          </dl>
          <p class="hint">
            Zona horaria: {zoneName(zone)} ({zone}).
          </p>
        </section>
      </div>
      {contest.rules.trim() && (
        <details class="contest-rules">
          <summary>Reglamento del concurso</summary>
          <div class="rules-text">{contest.rules}</div>
        </details>
      )}
    </div>
  );
}
