import { useEffect, useRef, useState } from 'preact/hooks';
import {
  UploadCancelledError,
  type ConnectionProblem,
  type StartUpload,
  type UploadHandle,
} from '../api/resumable-upload.ts';
import type { UploadRules } from '@anb/core/upload-rules';
import type { FieldErrors } from '../forms/field-errors.ts';
import type { ReadVideoMetadata } from './read-video-metadata.ts';
import { checkBeforeSending, placeUploadError, type UploadField } from './upload-checks.ts';
import { checkFileBasics, checkVideoMetadata, describeMetadata, type VideoMetadata } from './video-rules.ts';

export interface Sending {
  kind: 'sending';
  fraction: number;
  paused: boolean;
  /** Set while the bytes are not flowing for want of a connection; cleared by the next progress. */
  connection: ConnectionProblem | undefined;
  resumedPrevious: boolean;
}

export type Phase = { kind: 'editing' } | Sending | { kind: 'cancelled' } | { kind: 'accepted' };

export interface UploadFormDependencies {
  upload: StartUpload;
  readMetadata: ReadVideoMetadata;
  /** The API's contest rules; undefined while they load (the API still checks everything it receives). */
  rules: UploadRules | undefined;
}

/**
 * The upload form's state and its resumable upload's lifecycle (start, progress, pause, resume, cancel),
 * with no markup: the checks before sending, where each refusal goes and which field gets the focus.
 */
export function useUploadForm({ upload, readMetadata, rules }: UploadFormDependencies) {
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [metadata, setMetadata] = useState<{ file: File; value: VideoMetadata | undefined } | undefined>();
  const [errors, setErrors] = useState<FieldErrors<UploadField>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const handle = useRef<UploadHandle | undefined>(undefined);
  const focusAfterRender = useRef<string | undefined>(undefined);
  const latestChoice = useRef<File | undefined>(undefined);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = undefined;
  });
  // Leaving the page pauses a running upload instead of finishing it unseen; the same file resumes it later.
  useEffect(() => () => handle.current?.pause(), []);

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
    const basics = checkFileBasics(chosen, rules);
    if (basics) return setErrors((previous) => ({ ...previous, video_file: basics }));
    const value = await readMetadata(chosen);
    // Another file may have been chosen while this one was being read.
    if (latestChoice.current !== chosen) return;
    setMetadata({ file: chosen, value });
    const problem = value && checkVideoMetadata(value, rules);
    if (problem) setErrors((previous) => ({ ...previous, video_file: problem }));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (phase.kind === 'sending') return;
    const found = checkBeforeSending(title, file, metadata?.file === file ? metadata?.value : undefined, rules);
    if (found.title || found.video_file) return fail(found);
    if (metadata?.file !== file) {
      // Still reading the file: check it now rather than send something the API will refuse.
      const value = await readMetadata(file as File);
      setMetadata({ file: file as File, value });
      const problem = value && checkVideoMetadata(value, rules);
      if (problem) return fail({ video_file: problem });
    }
    setErrors({});
    setFormError(undefined);
    const update = (change: Partial<Sending>) =>
      setPhase((previous) => (previous.kind === 'sending' ? { ...previous, ...change } : previous));
    setPhase({ kind: 'sending', fraction: 0, paused: false, connection: undefined, resumedPrevious: false });
    try {
      handle.current = upload(
        { title: title.trim(), file: file as File },
        {
          onProgress: (fraction) => update({ fraction, connection: undefined }),
          onResumingPrevious: () => update({ resumedPrevious: true }),
          onConnectionProblem: (connection) => update({ connection }),
        },
      );
      await handle.current.done;
      setPhase({ kind: 'accepted' });
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
    } finally {
      handle.current = undefined;
    }
  };

  const pause = () => {
    handle.current?.pause();
    setPhase((previous) => (previous.kind === 'sending' ? { ...previous, paused: true } : previous));
  };
  const resume = () => {
    handle.current?.resume();
    setPhase((previous) =>
      previous.kind === 'sending' ? { ...previous, paused: false, connection: undefined } : previous,
    );
  };

  const startAnother = () => {
    setTitle('');
    setFile(undefined);
    setMetadata(undefined);
    setPhase({ kind: 'editing' });
    focusAfterRender.current = 'upload-title';
  };

  const editTitle = (value: string) => {
    setTitle(value);
    setErrors((previous) => ({ ...previous, title: undefined }));
  };
  const cancel = () => void handle.current?.cancel();

  const fileHint =
    file && !errors.video_file
      ? describeMetadata(file, metadata?.file === file ? metadata.value : undefined)
      : undefined;
  return {
    title,
    errors,
    formError,
    phase,
    fileHint,
    editTitle,
    chooseFile,
    submit,
    pause,
    resume,
    cancel,
    startAnother,
  };
}
