import { useEffect, useRef, useState } from 'preact/hooks';
import type { UploadAccepted } from '../api/types.ts';
import { UploadCancelledError, type UploadVideo } from '../api/upload-video.ts';
import { Notice } from '../components/notice.tsx';
import { Field } from '../forms/field.tsx';
import type { FieldErrors } from '../forms/field-errors.ts';
import { FormError } from '../forms/form-error.tsx';
import { ProgressBar } from '../components/progress-bar.tsx';
import type { ReadVideoMetadata } from './read-video-metadata.ts';
import { UploadAcceptedView } from './upload-accepted.tsx';
import { checkBeforeSending, placeUploadError, TITLE_MAX, type UploadField } from './upload-checks.ts';
import { VideoFileField } from './video-file-field.tsx';
import { checkFileBasics, checkVideoMetadata, describeMetadata, type VideoMetadata } from './video-rules.ts';

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
  const focusAfterRender = useRef<string | undefined>(undefined);
  const latestChoice = useRef<File | undefined>(undefined);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = undefined;
  });
  // Leaving the page stops a running upload instead of finishing it unseen.
  useEffect(() => () => controller.current?.abort(), []);
  // Closing or reloading the tab mid-upload loses it: the browser asks first.
  useEffect(() => {
    if (phase.kind !== 'sending') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [phase.kind]);

  const fail = (found: FieldErrors<UploadField>, form?: string) => {
    setErrors(found);
    setFormError(form);
    focusAfterRender.current = found.title ? 'upload-title' : found.video_file ? 'upload-file' : 'upload-error';
  };

  const chooseFile = async (chosen: File | undefined) => {
    latestChoice.current = chosen;
    setFile(chosen);
    setMetadata(undefined);
    setErrors((previous) => ({ ...previous, video_file: undefined }));
    if (!chosen) return;
    const basics = checkFileBasics(chosen);
    if (basics) return setErrors((previous) => ({ ...previous, video_file: basics }));
    const value = await readMetadata(chosen);
    // Another file may have been chosen while this one was being read.
    if (latestChoice.current !== chosen) return;
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
    setPhase({ kind: 'editing' });
    focusAfterRender.current = 'upload-title';
  };

  const sending = phase.kind === 'sending';
  if (phase.kind === 'accepted') return <UploadAcceptedView message={phase.answer.message} onAnother={startAnother} />;
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
      <VideoFileField
        error={errors.video_file}
        hint={fileHint}
        disabled={sending}
        onChoose={(chosen) => void chooseFile(chosen)}
      />
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
