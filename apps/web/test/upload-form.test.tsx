import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/api-error.ts';
import type { UploadAccepted } from '../src/api/types.ts';
import { UploadCancelledError, type UploadCallbacks, type UploadInput } from '../src/api/upload-video.ts';
import { UploadForm } from '../src/upload/upload-form.tsx';
import type { VideoMetadata } from '../src/upload/video-rules.ts';

const accepted: UploadAccepted = {
  message: 'Video subido correctamente. Procesamiento en curso.',
  task_id: 'v1',
  video_id: 'v1',
};
const fullHd: VideoMetadata = { durationSeconds: 21, width: 1920, height: 1080 };

function mp4(name = 'jugada.mp4', type = 'video/mp4', size?: number): File {
  const file = new File(['not really a video'], name, { type });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** An upload the test drives by hand: report progress, then answer or refuse. */
function manualUpload() {
  let callbacks: UploadCallbacks | undefined;
  let settle: { resolve(answer: UploadAccepted): void; reject(error: unknown): void } | undefined;
  const upload = vi.fn(
    (_input: UploadInput, given: UploadCallbacks) =>
      new Promise<UploadAccepted>((resolve, reject) => {
        callbacks = given;
        settle = { resolve, reject };
        given.signal.addEventListener('abort', () => reject(new UploadCancelledError()));
      }),
  );
  return {
    upload,
    progress: (fraction: number) => callbacks?.onProgress(fraction),
    answer: (answer: UploadAccepted) => settle?.resolve(answer),
    refuse: (error: unknown) => settle?.reject(error),
    signal: () => callbacks?.signal,
  };
}

async function chooseAndSend(options: { file?: File; metadata?: VideoMetadata | undefined; title?: string } = {}) {
  const driver = manualUpload();
  const readMetadata = vi.fn(async () => ('metadata' in options ? options.metadata : fullHd));
  const user = userEvent.setup({ applyAccept: false });
  render(<UploadForm upload={driver.upload} readMetadata={readMetadata} />);
  if (options.title !== '')
    await user.type(screen.getByLabelText('Título del video'), options.title ?? 'Mi mejor jugada');
  await user.upload(screen.getByLabelText('Video (MP4)'), options.file ?? mp4());
  await user.click(screen.getByRole('button', { name: 'Subir video' }));
  return { ...driver, readMetadata, user };
}

const fileError = () => document.getElementById('upload-file-error')?.textContent;
const progressBar = () => screen.getByRole('progressbar', { name: 'Progreso de la subida' }) as HTMLProgressElement;

describe('the upload form', () => {
  it('shows the real progress of the bytes sent and 100 % with the API message at the end', async () => {
    const driver = await chooseAndSend();
    expect(driver.upload).toHaveBeenCalledWith(
      { title: 'Mi mejor jugada', file: expect.any(File) },
      expect.objectContaining({ signal: expect.any(AbortSignal) }),
    );
    expect(progressBar().value).toBe(0);
    driver.progress(0.42);
    await waitFor(() => expect(progressBar().value).toBe(42));
    expect(progressBar().getAttribute('aria-valuetext')).toBe('42 %');
    expect(screen.getByText('Subiendo el video…')).toBeTruthy();
    driver.progress(1);
    await screen.findByText('Archivo enviado; el servidor está revisando el video…');
    driver.answer(accepted);
    await screen.findByText(accepted.message);
    expect(progressBar().value).toBe(100);
    expect(screen.getByRole('link', { name: 'Ver mis videos' }).getAttribute('href')).toBe('/mis-videos');
  });

  it('cancels a running upload: the request is aborted and the form comes back', async () => {
    const driver = await chooseAndSend();
    driver.progress(0.3);
    await driver.user.click(await screen.findByRole('button', { name: 'Cancelar subida' }));
    expect(driver.signal()?.aborted).toBe(true);
    await screen.findByText('Subida cancelada. El video no se envió.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('button', { name: 'Subir video' })).toBeTruthy();
  });

  it('refuses a file that is not MP4 without reading or sending it', async () => {
    const driver = await chooseAndSend({ file: mp4('jugada.mov', 'video/quicktime') });
    expect(driver.readMetadata).not.toHaveBeenCalled();
    expect(driver.upload).not.toHaveBeenCalled();
    expect(fileError()).toBe('Error en el archivo (tipo o tamaño inválido): el archivo no es un video MP4.');
  });

  it('refuses a file over 100 MB before sending it', async () => {
    const driver = await chooseAndSend({ file: mp4('grande.mp4', 'video/mp4', 101 * 1024 * 1024) });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(fileError()).toMatch(/pesa 101 MB y el máximo es 100 MB/);
  });

  it('refuses a video shorter than 20 s, as read by the browser, next to the file field', async () => {
    const driver = await chooseAndSend({ metadata: { durationSeconds: 15.2, width: 1920, height: 1080 } });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(fileError()).toBe('Error en el archivo: el video dura 15,2 s y debe durar entre 20 y 60 s.');
    expect(screen.getByLabelText('Video (MP4)').getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a resolution under 1080p (short side), portrait videos included', async () => {
    const driver = await chooseAndSend({ metadata: { durationSeconds: 30, width: 720, height: 1280 } });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(fileError()).toBe('Error en el archivo: la resolución 720x1280 es menor que 1080p.');
  });

  it('shows what the browser read of an acceptable file', async () => {
    render(<UploadForm upload={manualUpload().upload} readMetadata={async () => fullHd} />);
    await userEvent.setup().upload(screen.getByLabelText('Video (MP4)'), mp4());
    await screen.findByText(/jugada\.mp4 · 0 MB · 21 s · 1920×1080/);
  });

  it('still sends a file this browser cannot decode: the API decides', async () => {
    const driver = await chooseAndSend({ metadata: undefined });
    expect(driver.upload).toHaveBeenCalledOnce();
  });

  it('asks for a title before sending', async () => {
    const driver = await chooseAndSend({ title: '' });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(
      screen.getByRole('textbox', { name: 'Título del video', description: 'Escribe un título para tu video.' }),
    ).toBeTruthy();
  });

  it("shows the API's refusal of the file next to the file field", async () => {
    const driver = await chooseAndSend();
    const detail = 'Error en el archivo: el video dura 61 s y debe durar entre 20 y 60 s.';
    driver.refuse(new ApiError(400, 'DURATION_OUT_OF_RANGE', detail));
    await waitFor(() => expect(fileError()).toBe(detail));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
