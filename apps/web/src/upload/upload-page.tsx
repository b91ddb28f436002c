import { useState } from 'preact/hooks';
import { startUploadOnDemand } from '../api/upload-on-demand.ts';
import { fetchUploadRules } from '../api/upload-rules.api.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { takeFlash } from '../lib/flash.ts';
import { useRemote } from '../lib/use-remote.ts';
import { readVideoMetadata } from './read-video-metadata.ts';
import { UploadForm } from './upload-form.tsx';

export function UploadPage() {
  const [notice] = useState(takeFlash);
  // Without them the form still works: the API checks every upload against the same rules.
  const rules = useRemote(fetchUploadRules, []);
  return (
    <Page title="Subir video">
      {notice && <Notice tone="success">{notice}</Notice>}
      <p class="lead">
        Sube tu mejor jugada. La convertimos en un clip de presentación (hasta 30 s, 720p, con la marca ANB) y, cuando
        esté publicado, el público podrá votar por él.
      </p>
      <UploadForm upload={startUploadOnDemand} readMetadata={readVideoMetadata} rules={rules.data} />
    </Page>
  );
}
