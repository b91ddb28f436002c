import { useEffect, useRef, useState } from 'preact/hooks';
import type { UploadAccepted } from '../api/types.ts';
import { UploadCancelledError, type UploadVideo } from '../api/upload-video.ts';
import { Field } from '../forms/field.tsx';
import { ApiError } from '../api/api-error.ts';
import { mapApiError, type FieldErrors, type MappedApiError } from '../forms/field-errors.ts';
import { FormError } from '../forms/form-error.tsx';
import { Notice } from '../components/notice.tsx';
import { Link } from '../lib/link.tsx';
import { ProgressBar } from './progress-bar.tsx';
import type { ReadVideoMetadata } from './read-video-metadata.ts';
import { checkFileBasics, checkVideoMetadata, describeMetadata, type VideoMetadata } from './video-rules.ts';

type UploadField = 'title' | 'video_file';
const TITLE_MAX = 200;
const fileCodes = [
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'UNREADABLE_VIDEO',
  'DURATION_OUT_OF_RANGE',
  'RESOLUTION_TOO_LOW',
];
const fieldsByCode = Object.fromEntries(fileCodes.map((code) => [code, 'video_file' as const]));

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending'; fraction: number }
  | { kind: 'cancelled' }
  | { kind: 'accepted'; answer: UploadAccepted };

interface UploadFormProps {
  upload: UploadVideo;
  readMetadata: ReadVideoMetadata;
}

/** Title and file, checked in the browser first; then a real progress bar with cancel. */
export function UploadForm({ upload, readMetadata }: UploadFormProps) {
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [metadata, setMetadata] = useState<{ file: File; value: VideoMetadata | undefined } | undefined>();
  const [errors, setErrors] = useState<FieldErrors<UploadField>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const controller = useRef<AbortController | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const focusAfterRender = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = undefined;
  });
  // Leaving the page stops a running upload instead of finishing it unseen.
  useEffect(() => () => controller.current?.abort(), []);

  const fail = (found: FieldErrors<UploadField>, form?: string) => {
    setErrors(found);
    setFormError(form);
    focusAfterRender.current = found.title ? 'upload-title' : found.video_file ? 'upload-file' : 'upload-error';
  };

  const chooseFile = async (chosen: File | undefined) => {
    setFile(chosen);
    setMetadata(undefined);
    setErrors((previous) => ({ ...previous, video_file: undefined }));
    if (!chosen) return;
    const basics = checkFileBasics(chosen);
    if (basics) return setErrors((previous) => ({ ...previous, video_file: basics }));
    const value = await readMetadata(chosen);
    setMetadata({ file: chosen, value });
    const problem = value && checkVideoMetadata(value);
    if (problem) setErrors((previous) => ({ ...previous, video_file: problem }));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (phase.kind === 'sending') return;
    const found = checkBeforeSending(title, file, metadata?.file === file ? metadata?.value : undefined);
    if (found.title || found.video_file) return fail(found);
    if (metadata?.file !== file) {
      // Still reading the file: check it now rather than send something the API will refuse.
      const value = await readMetadata(file as File);
      setMetadata({ file: file as File, value });
      const problem = value && checkVideoMetadata(value);
      if (problem) return fail({ video_file: problem });
    }
    setErrors({});
    setFormError(undefined);
    controller.current = new AbortController();
    setPhase({ kind: 'sending', fraction: 0 });
    try {
      const answer = await upload(
        { title: title.trim(), file: file as File },
        { signal: controller.current.signal, onProgress: (fraction) => setPhase({ kind: 'sending', fraction }) },
      );
      setPhase({ kind: 'accepted', answer });
      focusAfterRender.current = 'upload-result';
    } catch (error) {
      if (error instanceof UploadCancelledError) {
        setPhase({ kind: 'cancelled' });
        focusAfterRender.current = 'upload-title';
        return;
      }
      setPhase({ kind: 'editing' });
      const placed = placeUploadError(error);
      fail(placed.fields, placed.form);
    }
  };

  const startAnother = () => {
    setTitle('');
    setFile(undefined);
    setMetadata(undefined);
    if (fileInput.current) fileInput.current.value = '';
    setPhase({ kind: 'editing' });
    focusAfterRender.current = 'upload-title';
  };

  const sending = phase.kind === 'sending';
  if (phase.kind === 'accepted') {
    return (
      <div class="upload-done">
        <ProgressBar id="upload-progress" label="Progreso de la subida" fraction={1} />
        <div id="upload-result" tabIndex={-1}>
          <Notice tone="success">{phase.answer.message}</Notice>
        </div>
        <p class="actions">
          <Link class="button primary" href="/mis-videos">
            Ver mis videos
          </Link>
          <button type="button" class="button" onClick={startAnother}>
            Subir otro video
          </button>
        </p>
      </div>
    );
  }
  const fileHint =
    file && !errors.video_file
      ? describeMetadata(file, metadata?.file === file ? metadata.value : undefined)
      : undefined;
  return (
    <form class="form" onSubmit={submit} noValidate aria-describedby="upload-error">
      <FormError id="upload-error" message={formError} />
      {phase.kind === 'cancelled' && <Notice>Subida cancelada. El video no se envió.</Notice>}
      <Field
        id="upload-title"
        label="Título del video"
        value={title}
        maxLength={TITLE_MAX}
        error={errors.title}
        onInput={(value) => {
          setTitle(value);
          setErrors((previous) => ({ ...previous, title: undefined }));
        }}
      />
      <div class="field">
        <label for="upload-file">Video (MP4)</label>
        <input
          id="upload-file"
          ref={fileInput}
          type="file"
          accept="video/mp4,.mp4"
          disabled={sending}
          aria-invalid={errors.video_file ? 'true' : undefined}
          aria-describedby={errors.video_file ? 'upload-file-error upload-file-hint' : 'upload-file-hint'}
          onChange={(event) => void chooseFile(event.currentTarget.files?.[0])}
        />
        <p id="upload-file-hint" class="hint">
          {fileHint ?? 'MP4 de 20 a 60 segundos, 1080p o más (el lado corto de al menos 1080 px), hasta 100 MB.'}
        </p>
        {errors.video_file && (
          <p id="upload-file-error" class="field-error">
            {errors.video_file}
          </p>
        )}
      </div>
      {sending && (
        <div class="upload-progress">
          <ProgressBar id="upload-progress" label="Progreso de la subida" fraction={phase.fraction} />
          <p class="hint" role="status">
            {phase.fraction >= 1 ? 'Archivo enviado; el servidor está revisando el video…' : 'Subiendo el video…'}
          </p>
          <button type="button" class="button" onClick={() => controller.current?.abort()}>
            Cancelar subida
          </button>
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

function checkBeforeSending(title: string, file: File | undefined, metadata: VideoMetadata | undefined) {
  const found: FieldErrors<UploadField> = {};
  const trimmed = title.trim();
  if (!trimmed) found.title = 'Escribe un título para tu video.';
  else if (trimmed.length > TITLE_MAX) found.title = `Máximo ${TITLE_MAX} caracteres.`;
  if (!file) found.video_file = 'Elige el archivo MP4 de tu video.';
  else found.video_file = checkFileBasics(file) ?? (metadata && checkVideoMetadata(metadata));
  return found;
}

/** The API's refusal next to the field it is about; MISSING_FIELD names the field in its text. */
function placeUploadError(error: unknown): MappedApiError<UploadField> {
  if (error instanceof ApiError && error.code === 'MISSING_FIELD') {
    return { fields: { [error.message.includes('title') ? 'title' : 'video_file']: error.message } };
  }
  return mapApiError<UploadField>(error, fieldsByCode, ['title', 'video_file']);
}
