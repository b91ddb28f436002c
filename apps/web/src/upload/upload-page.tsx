import { useState } from 'preact/hooks';
import { fetchContest } from '../api/contest.api.ts';
import type { Contest } from '../api/types.ts';
import { startUploadOnDemand } from '../api/upload-on-demand.ts';
import { fetchUploadRules } from '../api/upload-rules.api.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { formatContestDate } from '../lib/contest-time.ts';
import { takeFlash } from '../lib/flash.ts';
import { useRemote } from '../lib/use-remote.ts';
import { readVideoMetadata } from './read-video-metadata.ts';
import { UploadForm } from './upload-form.tsx';

export function UploadPage() {
  const [notice] = useState(takeFlash);
  // Without them the form still works: the API checks every upload against the same rules.
  const rules = useRemote(fetchUploadRules, []);
  // Said before a file is chosen; the API refuses an upload after the close anyway (UPLOADS_CLOSED).
  const contest = useRemote(fetchContest, []);
  return (
    <Page title="Subir video">
      {notice && <Notice tone="success">{notice}</Notice>}
      <p class="lead">
        Sube tu mejor jugada. La convertimos en un clip de presentación (hasta 30 s, 720p, con la marca ANB) y, cuando
        esté publicado, el público podrá votar por él.
      </p>
      {contest.data && contest.data.phase !== 'open' && <UploadsClosed contest={contest.data} />}
      <UploadForm upload={startUploadOnDemand} readMetadata={readVideoMetadata} rules={rules.data} />
    </Page>
  );
}

function UploadsClosed({ contest }: { contest: Contest }) {
  const closedAt = contest.uploads_close_at && formatContestDate(contest.uploads_close_at, contest.time_zone);
  return (
    <Notice tone="error">
      {closedAt ? `Las subidas cerraron el ${closedAt}.` : 'Las subidas están cerradas.'} Ya no se reciben videos nuevos
      {contest.phase === 'voting' ? '; la votación sigue abierta.' : ' y la votación también cerró.'}
    </Notice>
  );
}
