interface VideoFileFieldProps {
  error: string | undefined;
  /** What the browser read of the chosen file, or the API's rules in one sentence while none is chosen. */
  hint: string | undefined;
  disabled: boolean;
  onChoose(file: File | undefined): void;
}

export function VideoFileField({ error, hint, disabled, onChoose }: VideoFileFieldProps) {
  return (
    <div class="field">
      <label for="upload-file">Video (MP4)</label>
      <input
        id="upload-file"
        type="file"
        accept="video/mp4,.mp4"
        disabled={disabled}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'upload-file-error upload-file-hint' : 'upload-file-hint'}
        onChange={(event) => onChoose(event.currentTarget.files?.[0])}
      />
      <p id="upload-file-hint" class="hint">
        {hint ?? 'Video MP4.'}
      </p>
      {error && (
        <p id="upload-file-error" class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
