import { listAudit } from '../api/admin.api.ts';
import type { AuditAction, AuditEntry } from '../api/admin-types.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { Pager, pageFrom } from '../components/pager.tsx';
import { formatShortContestDate } from '../lib/contest-time.ts';
import { Link } from '../lib/link.tsx';
import { usePlace, withQuery } from '../lib/router.ts';
import { useFocusOnPageChange } from '../lib/use-focus-on-page-change.ts';
import { useRemote } from '../lib/use-remote.ts';

const PAGE_SIZE = 50;

export const auditActionLabels: Record<AuditAction, string> = {
  grant_organiser: 'Rol de organizador concedido',
  revoke_organiser: 'Rol de organizador retirado',
  contest_updated: 'Concurso actualizado',
  video_hidden: 'Video ocultado',
  video_restored: 'Video restaurado',
  reports_dismissed: 'Reportes descartados',
  user_suspended: 'Usuario suspendido',
  user_reinstated: 'Usuario restablecido',
};

const targetLabels: Record<AuditEntry['target_type'], string> = {
  video: 'Video',
  user: 'Usuario',
  contest: 'Concurso',
};

/** `/auditoria`: every organiser's action, newest first, with who did it and why. */
export function AuditPage() {
  const page = pageFrom(usePlace().query);
  const { data, error, loading } = useRemote(
    (signal) => listAudit({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [page],
  );
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : undefined;
  useFocusOnPageChange(page, 'audit-results');
  return (
    <Page title="Auditoría">
      <p class="lead">Cada acción de la organización: quién la hizo, cuándo, sobre qué y por qué.</p>
      <section aria-labelledby="audit-results" aria-busy={loading}>
        <h2 id="audit-results" class="results-title" tabIndex={-1}>
          Registro de acciones
        </h2>
        <p class="results-count" role="status">
          {loading && !data
            ? 'Cargando el registro…'
            : data?.total === 0
              ? 'Todavía no hay acciones registradas.'
              : data
                ? `${data.total} ${data.total === 1 ? 'acción' : 'acciones'}`
                : ''}
        </p>
        {error && <Notice tone="error">{error}</Notice>}
        {data && data.entries.length > 0 && (
          <div class="table-wrap">
            <table class="rankings audit">
              <caption>Acciones de la organización, de la más reciente a la más antigua</caption>
              <thead>
                <tr>
                  <th scope="col">Fecha</th>
                  <th scope="col">Quién</th>
                  <th scope="col">Acción</th>
                  <th scope="col">Sobre</th>
                  <th scope="col">Motivo</th>
                  <th scope="col">Detalles</th>
                </tr>
              </thead>
              <tbody>
                {data.entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{formatShortContestDate(entry.at)}</td>
                    <td>{entry.actor.user_id ? (entry.actor.email ?? entry.actor.user_id) : 'Línea de comandos'}</td>
                    <th scope="row">{auditActionLabels[entry.action] ?? entry.action}</th>
                    <td>
                      <Target entry={entry} />
                    </td>
                    <td>{entry.reason ?? '—'}</td>
                    <td>
                      <Details details={entry.details} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          page={page}
          pageCount={pageCount}
          hasNext={!!pageCount && page < pageCount}
          hrefFor={(to) => withQuery('/auditoria', { pagina: to })}
        />
      </section>
    </Page>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  const label = targetLabels[entry.target_type] ?? entry.target_type;
  if (entry.target_type === 'video' && entry.target_id)
    return (
      <Link href={withQuery('/moderacion/votos', { video: entry.target_id })}>
        {label} <code>{entry.target_id}</code>
      </Link>
    );
  return (
    <>
      {label}
      {entry.target_id && (
        <>
          {' '}
          <code>{entry.target_id}</code>
        </>
      )}
    </>
  );
}

const detailLabels: Record<string, string> = {
  name: 'Nombre',
  selected_per_city: 'Seleccionados por ciudad',
  uploads_close_at: 'Cierre de subidas',
  voting_closes_at: 'Cierre de la votación',
  handled_reports: 'Reportes atendidos',
  dismissed: 'Reportes descartados',
  void_votes: 'Votos anulados',
  votes_restored: 'Votos restablecidos',
  email: 'Correo',
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value as an organiser reads it: dates in the contest's zone, yes/no, "sin fecha" for a cleared date. */
function shownValue(name: string, value: unknown): string {
  if (value === null) return name.endsWith('_at') ? 'sin fecha' : '—';
  if (typeof value === 'boolean') return value ? 'sí' : 'no';
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? formatShortContestDate(value) : value;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** The action's own facts (e.g. the settings a contest update saved), one line each. */
function Details({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0) return <>—</>;
  return (
    <ul class="audit-details">
      {entries.map(([name, value]) => (
        <li key={name}>
          <span class="detail-name">{detailLabels[name] ?? name}</span>: {shownValue(name, value)}
        </li>
      ))}
    </ul>
  );
}
