import { useState } from 'preact/hooks';
import { listAdminVideos, listReportedVideos } from '../api/admin.api.ts';
import type { AdminVideo, AdminVideoStatus, ReportedVideo } from '../api/admin-types.ts';
import { reportReasons } from '../api/types.ts';
import { CityFilter } from '../components/city-filter.tsx';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { Pager, pageFrom } from '../components/pager.tsx';
import { reportReasonLabels } from '../gallery/report-control.tsx';
import { formatShortContestDate } from '../lib/contest-time.ts';
import { formatVotes } from '../lib/format.ts';
import { navigate, usePlace, withQuery } from '../lib/router.ts';
import { useRemote } from '../lib/use-remote.ts';
import { adminStatusLabels, ModeratedVideo } from './moderated-video.tsx';
import { UserLookup } from './user-lookup.tsx';

const PAGE_SIZE = 20;
const statuses = Object.keys(adminStatusLabels) as AdminVideoStatus[];

/** `/moderacion`: the reports queue, every video with hide/restore, and the user lookup. */
export function ModerationPage() {
  const { query } = usePlace();
  const city = query.get('ciudad') ?? '';
  const status = statuses.find((value) => value === query.get('estado'));
  const page = pageFrom(query);
  // Any action changes both lists (a hidden video leaves nothing to dismiss, a dismissed one leaves the queue).
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<string | undefined>();
  const reports = useRemote((signal) => listReportedVideos(signal), [round]);
  const all = useRemote(
    (signal) =>
      listAdminVideos({ status, city: city || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [status, city, page, round],
  );
  const changed = (message: string) => {
    setNotice(message);
    setRound((count) => count + 1);
  };
  const address = (changes: { ciudad?: string; estado?: string; pagina?: number }) =>
    withQuery('/moderacion', { ciudad: city, estado: status, ...changes });
  const pageCount = all.data ? Math.max(1, Math.ceil(all.data.total / PAGE_SIZE)) : undefined;

  return (
    <Page title="Moderación">
      <p class="lead">Revisa los videos reportados por el público y oculta los que no cumplen el reglamento.</p>
      {notice && <Notice tone="success">{notice}</Notice>}
      <section aria-labelledby="reports-title" aria-busy={reports.loading}>
        <h2 id="reports-title" class="results-title">
          Reportes pendientes
        </h2>
        {reports.error && <Notice tone="error">{reports.error}</Notice>}
        <p class="results-count" role="status">
          {reports.loading && !reports.data ? 'Cargando reportes…' : reports.data ? queueSummary(reports.data) : ''}
        </p>
        {reports.data && reports.data.length > 0 && (
          <ul class="gallery moderation-list">
            {reports.data.map((video) => (
              <ModeratedVideo key={video.video_id} video={video} idPrefix="reported" onChanged={changed}>
                <ReportSummary video={video} />
              </ModeratedVideo>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="all-videos-title" aria-busy={all.loading}>
        <h2 id="all-videos-title" class="results-title">
          Todos los videos
        </h2>
        <CityFilter
          id="moderation-city"
          city={city}
          onApply={(next) => navigate(address({ ciudad: next, pagina: undefined }))}
        >
          <div class="field">
            <label for="moderation-status">Estado</label>
            <select
              id="moderation-status"
              value={status ?? ''}
              onChange={(event) => navigate(address({ estado: event.currentTarget.value, pagina: undefined }))}
            >
              <option value="">Todos</option>
              {statuses.map((value) => (
                <option key={value} value={value}>
                  {adminStatusLabels[value]}
                </option>
              ))}
            </select>
          </div>
        </CityFilter>
        {all.error && <Notice tone="error">{all.error}</Notice>}
        <p class="results-count" role="status">
          {all.loading && !all.data
            ? 'Cargando videos…'
            : all.data
              ? all.data.total === 0
                ? 'Ningún video con estos filtros.'
                : `${all.data.total === 1 ? '1 video' : `${all.data.total} videos`}`
              : ''}
        </p>
        {all.data && all.data.videos.length > 0 && (
          <ul class="gallery moderation-list">
            {all.data.videos.map((video) => (
              <ModeratedVideo key={video.video_id} video={video} idPrefix="video" onChanged={changed}>
                <VideoFacts video={video} />
              </ModeratedVideo>
            ))}
          </ul>
        )}
        <Pager
          page={page}
          pageCount={pageCount}
          hasNext={!!pageCount && page < pageCount}
          hrefFor={(to) => address({ pagina: to })}
        />
      </section>
      <section aria-labelledby="user-lookup-title">
        <h2 id="user-lookup-title" class="results-title">
          Buscar un usuario
        </h2>
        <UserLookup idPrefix="moderation-user" />
      </section>
    </Page>
  );
}

function queueSummary(queue: ReportedVideo[]): string {
  if (queue.length === 0) return 'No hay reportes pendientes.';
  return queue.length === 1 ? '1 video con reportes pendientes.' : `${queue.length} videos con reportes pendientes.`;
}

function ReportSummary({ video }: { video: ReportedVideo }) {
  const reasons = reportReasons.filter((reason) => video.by_reason[reason] > 0);
  return (
    <>
      <p class="report-count">
        <strong>
          {video.open_reports === 1 ? '1 reporte pendiente' : `${video.open_reports} reportes pendientes`}
        </strong>
        {' · último el '}
        {formatShortContestDate(video.last_reported_at)}
      </p>
      <ul class="reason-counts">
        {reasons.map((reason) => (
          <li key={reason}>
            {reportReasonLabels[reason]}: {video.by_reason[reason]}
          </li>
        ))}
      </ul>
      {video.reports.length > 0 && (
        <details class="report-details">
          <summary>Ver los reportes</summary>
          <ul>
            {video.reports.map((report, index) => (
              <li key={`${report.reported_at}-${index}`}>
                <strong>{reportReasonLabels[report.reason]}</strong> · {formatShortContestDate(report.reported_at)}
                {report.details && <p class="report-text">{report.details}</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function VideoFacts({ video }: { video: AdminVideo }) {
  return (
    <>
      <p class="meta">
        Subido el {formatShortContestDate(video.uploaded_at)} · {formatVotes(video.votes)} ·{' '}
        {video.total_reports === 1 ? '1 reporte' : `${video.total_reports} reportes`}
        {video.open_reports > 0 && ` (${video.open_reports} ${video.open_reports === 1 ? 'pendiente' : 'pendientes'})`}
      </p>
      {video.status === 'hidden' && (
        <p class="hidden-reason">
          Oculto{video.hidden_at && ` el ${formatShortContestDate(video.hidden_at)}`}
          {video.hidden_reason && `: ${video.hidden_reason}`}
        </p>
      )}
    </>
  );
}
