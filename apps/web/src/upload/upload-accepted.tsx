import { Notice } from '../components/notice.tsx';
import { Link } from '../lib/link.tsx';
import { ProgressBar } from '../components/progress-bar.tsx';

/** The end of an upload: the full bar, the API's message (focused) and where to go next. */
export function UploadAcceptedView({ message, onAnother }: { message: string; onAnother(): void }) {
  return (
    <div class="upload-done">
      <ProgressBar id="upload-progress" label="Progreso de la subida" fraction={1} />
      <div id="upload-result" tabIndex={-1}>
        <Notice tone="success">{message}</Notice>
      </div>
      <p class="actions">
        <Link class="button primary" href="/mis-videos">
          Ver mis videos
        </Link>
        <button type="button" class="button" onClick={onAnother}>
          Subir otro video
        </button>
      </p>
    </div>
  );
}
