import { TITLE_MAX_LENGTH } from '@anb/core/upload-rules';
import { uploadTexts } from '@anb/core/upload-texts';
import type { StartUpload } from '../api/resumable-upload.ts';
import type { AnnouncedUploadRules } from '../api/upload-rules.api.ts';
import { Notice } from '../components/notice.tsx';
import { Field } from '../forms/field.tsx';
import { FormError } from '../forms/form-error.tsx';
import { ProgressBar } from '../components/progress-bar.tsx';
import type { ReadVideoMetadata } from './read-video-metadata.ts';
import { UploadAcceptedView } from './upload-accepted.tsx';
import { useUploadForm, type Sending } from './use-upload-form.ts';
import { VideoFileField } from './video-file-field.tsx';

interface UploadFormProps {
  upload: StartUpload;
  readMetadata: ReadVideoMetadata;
  /** The API's contest rules; undefined while they load or when they could not be read. */
  rules: AnnouncedUploadRules | undefined;
}

/** Title and file, checked in the browser first; then a resumable upload with progress, pause and cancel. */
export function UploadForm({ upload, readMetadata, rules }: UploadFormProps) {
  const uploadForm = useUploadForm({ upload, readMetadata, rules });
  const { phase } = uploadForm;
  const sending = phase.kind === 'sending';
  if (phase.kind === 'accepted')
    return <UploadAcceptedView message={uploadTexts.accepted()} onAnother={uploadForm.startAnother} />;
  return (
    <form class="form" onSubmit={(event) => void uploadForm.submit(event)} noValidate aria-describedby="upload-error">
      <FormError id="upload-error" message={uploadForm.formError} />
      {phase.kind === 'cancelled' && <Notice>Subida cancelada. El video no se envió.</Notice>}
      <Field
        id="upload-title"
        label="Título del video"
        value={uploadForm.title}
        maxLength={TITLE_MAX_LENGTH}
        error={uploadForm.errors.title}
        onInput={uploadForm.editTitle}
      />
      <VideoFileField
        error={uploadForm.errors.video_file}
        hint={uploadForm.fileHint ?? rules?.summary}
        disabled={sending}
        onChoose={(chosen) => void uploadForm.chooseFile(chosen)}
      />
      {phase.kind === 'sending' && (
        <div class="upload-progress">
          <ProgressBar id="upload-progress" label="Progreso de la subida" fraction={phase.fraction} />
          <p class="hint" role="status">
            {describeSending(phase)}
          </p>
          <p class="actions">
            {phase.paused || phase.connection === 'stopped' ? (
              <button type="button" class="button primary" onClick={uploadForm.resume}>
                Reanudar subida
              </button>
            ) : (
              <button type="button" class="button" onClick={uploadForm.pause}>
                Pausar subida
              </button>
            )}
            <button type="button" class="button" onClick={uploadForm.cancel}>
              Cancelar subida
            </button>
          </p>
        </div>
      )}
      {!sending && (
        <button type="submit" class="button primary">
          Subir video
        </button>
      )}
    </form>
  );
}

function describeSending(phase: Sending): string {
  if (phase.paused) return 'Subida en pausa. Puedes reanudarla cuando quieras.';
  if (phase.connection === 'retrying') return 'Se perdió la conexión. Reintentando automáticamente…';
  if (phase.connection === 'stopped')
    return 'Sin conexión. La subida seguirá sola cuando vuelva la red, o pulsa «Reanudar subida».';
  if (phase.fraction >= 1) return 'Archivo enviado; el servidor está revisando el video…';
  return phase.resumedPrevious
    ? 'Retomando la subida anterior de este archivo desde donde quedó…'
    : 'Subiendo el video…';
}
