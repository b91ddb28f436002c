import { useState } from 'preact/hooks';
import { useAccount } from '../account/use-account.ts';
import { deleteMyVideo, listMyVideos } from '../api/videos.api.ts';
import { Notice } from '../components/notice.tsx';
import { Page } from '../components/page.tsx';
import { takeFlash } from '../lib/flash.ts';
import { Link } from '../lib/link.tsx';
import { MyVideosView } from './my-videos-view.tsx';

export function MyVideosPage() {
  const [notice] = useState(takeFlash);
  const city = useAccount()?.city;
  return (
    <Page title="Mis videos">
      {notice && <Notice tone="success">{notice}</Notice>}
      <p class="lead">
        El estado se actualiza solo.{' '}
        <Link href="/subir" class="action-link">
          Subir otro video
        </Link>
      </p>
      <MyVideosView load={() => listMyVideos()} remove={deleteMyVideo} city={city} />
    </Page>
  );
}
