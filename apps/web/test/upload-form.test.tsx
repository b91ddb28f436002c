import { act, cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/api-error.ts';
import {
  UploadCancelledError,
  type UploadEvents,
  type UploadHandle,
  type UploadInput,
} from '../src/api/resumable-upload.ts';
import { UploadForm } from '../src/upload/upload-form.tsx';
import { UploadPage } from '../src/upload/upload-page.tsx';
import type { AnnouncedUploadRules } from '../src/api/upload-rules.api.ts';
import type { VideoMetadata } from '../src/upload/video-rules.ts';

const acceptedMessage = 'Video subido correctamente. Procesamiento en curso.';
const fullHd: VideoMetadata = { durationSeconds: 21, width: 1920, height: 1080 };
/** What GET /api/upload-rules answers with the organiser's defaults. */
const organiserRules: AnnouncedUploadRules = {
  maxBytes: 100 * 1024 * 1024,
  minSeconds: 20,
  maxSeconds: 60,
  minShortSide: 1080,
  summary: 'MP4 de 20 a 60 segundos, 1080p o más (el lado corto de al menos 1080 px), hasta 100 MB.',
};

function mp4(name = 'jugada.mp4', type = 'video/mp4', size?: number): File {
  const file = new File(['not really a video'], name, { type });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** An upload the test drives by hand through the web app's upload port: report, then finish or refuse. */
function manualUpload() {
  let events: UploadEvents | undefined;
  let settle: { resolve(answer: { videoId: string | undefined }): void; reject(error: unknown): void } | undefined;
  const actions: string[] = [];
  const upload = vi.fn((_input: UploadInput, given: UploadEvents): UploadHandle => {
    events = given;
    const done = new Promise<{ videoId: string | undefined }>((resolve, reject) => (settle = { resolve, reject }));
    return {
      done,
      pause: () => void actions.push('pause'),
      resume: () => void actions.push('resume'),
      cancel: async () => {
        actions.push('cancel');
        settle?.reject(new UploadCancelledError());
      },
    };
  });
  return {
    upload,
    actions,
    events: () => events as UploadEvents,
    progress: (fraction: number) => events?.onProgress(fraction),
    finish: (videoId = 'v1') => settle?.resolve({ videoId }),
    refuse: (error: unknown) => settle?.reject(error),
  };
}

async function chooseAndSend(
  options: {
    file?: File;
    metadata?: VideoMetadata | undefined;
    title?: string;
    rules?: AnnouncedUploadRules | undefined;
  } = {},
) {
  const driver = manualUpload();
  const readMetadata = vi.fn(async () => ('metadata' in options ? options.metadata : fullHd));
  const user = userEvent.setup({ applyAccept: false });
  const rules = 'rules' in options ? options.rules : organiserRules;
  render(<UploadForm upload={driver.upload} readMetadata={readMetadata} rules={rules} />);
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
    expect(driver.upload).toHaveBeenCalledWith({ title: 'Mi mejor jugada', file: expect.any(File) }, expect.anything());
    expect(progressBar().value).toBe(0);
    driver.progress(0.42);
    await waitFor(() => expect(progressBar().value).toBe(42));
    expect(progressBar().getAttribute('aria-valuetext')).toBe('42 %');
    expect(screen.getByText('Subiendo el video…')).toBeTruthy();
    driver.progress(1);
    await screen.findByText('Archivo enviado; el servidor está revisando el video…');
    driver.finish();
    await screen.findByText(acceptedMessage);
    expect(progressBar().value).toBe(100);
    expect(screen.getByRole('link', { name: 'Ver mis videos' }).getAttribute('href')).toBe('/mis-videos');
  });

  it('cancels a running upload: the upload is terminated and the form comes back', async () => {
    const driver = await chooseAndSend();
    driver.progress(0.3);
    await driver.user.click(await screen.findByRole('button', { name: 'Cancelar subida' }));
    expect(driver.actions).toEqual(['cancel']);
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
    // Without the organiser's "(tipo o tamaño inválido)": the type and size are fine, the duration is not.
    expect(fileError()).toBe('El video dura 15,2 s y debe durar entre 20 y 60 s.');
    expect(screen.getByLabelText('Video (MP4)').getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a resolution under 1080p (short side), portrait videos included', async () => {
    const driver = await chooseAndSend({ metadata: { durationSeconds: 30, width: 720, height: 1280 } });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(fileError()).toBe('La resolución 720x1280 es menor que 1080p.');
  });

  it('shows what the browser read of an acceptable file', async () => {
    render(<UploadForm upload={manualUpload().upload} readMetadata={async () => fullHd} rules={organiserRules} />);
    await userEvent.setup().upload(screen.getByLabelText('Video (MP4)'), mp4());
    await screen.findByText(/jugada\.mp4 · 0 MB · 21 s · 1920×1080/);
  });

  it('checks against the rules the API announces, not against the organiser defaults', async () => {
    const configured = {
      maxBytes: 50 * 1024 * 1024,
      minSeconds: 15,
      maxSeconds: 90,
      minShortSide: 720,
      summary: 'MP4 de 15 a 90 segundos, 720p o más (el lado corto de al menos 720 px), hasta 50 MB.',
    };
    const accepted = await chooseAndSend({
      rules: configured,
      metadata: { durationSeconds: 16, width: 1280, height: 720 },
    });
    expect(accepted.upload).toHaveBeenCalledOnce();
    cleanup();
    const refused = await chooseAndSend({ rules: configured, file: mp4('grande.mp4', 'video/mp4', 60 * 1024 * 1024) });
    expect(refused.upload).not.toHaveBeenCalled();
    expect(fileError()).toMatch(/pesa 60 MB y el máximo es 50 MB/);
  });

  it('shows the announced rules next to the file field until a file is chosen', () => {
    render(<UploadForm upload={manualUpload().upload} readMetadata={async () => fullHd} rules={organiserRules} />);
    expect(document.getElementById('upload-file-hint')?.textContent).toBe(organiserRules.summary);
  });

  it('while the rules are unknown, checks only the type and sends the rest for the API to decide', async () => {
    const driver = await chooseAndSend({
      rules: undefined,
      file: mp4('grande.mp4', 'video/mp4', 101 * 1024 * 1024),
      metadata: { durationSeconds: 15, width: 640, height: 360 },
    });
    expect(driver.upload).toHaveBeenCalledOnce();
  });

  it('refuses an empty file even while the rules are unknown', async () => {
    const driver = await chooseAndSend({ rules: undefined, file: mp4('vacio.mp4', 'video/mp4', 0) });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(fileError()).toBe(
      'Error en el archivo (tipo o tamaño inválido): el archivo de video (campo video_file) está vacío.',
    );
  });

  it('still sends a file this browser cannot decode: the API decides', async () => {
    const driver = await chooseAndSend({ metadata: undefined });
    expect(driver.upload).toHaveBeenCalledOnce();
  });

  it('asks for a title before sending', async () => {
    const driver = await chooseAndSend({ title: '' });
    expect(driver.upload).not.toHaveBeenCalled();
    expect(
      screen.getByRole('textbox', {
        name: 'Título del video',
        description: 'Falta el título del video (campo title).',
      }),
    ).toBeTruthy();
  });

  it("shows the API's refusal of the file next to the file field", async () => {
    const driver = await chooseAndSend();
    const detail = 'Error en el archivo (tipo o tamaño inválido): el video dura 61 s y debe durar entre 20 y 60 s.';
    driver.refuse(new ApiError(400, 'DURATION_OUT_OF_RANGE', detail));
    await waitFor(() => expect(fileError()).toBe('El video dura 61 s y debe durar entre 20 y 60 s.'));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it("shows the API's detail above the form when uploads have closed", async () => {
    const driver = await chooseAndSend();
    const detail = 'Las subidas del concurso cerraron el 20 de marzo de 2026, 23:59 COT; ya no se reciben videos.';
    driver.refuse(new ApiError(403, 'UPLOADS_CLOSED', detail));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(detail));
    expect(fileError()).toBeUndefined();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('pauses and resumes the upload, the bar keeping what was sent', async () => {
    const driver = await chooseAndSend();
    driver.progress(0.5);
    await driver.user.click(await screen.findByRole('button', { name: 'Pausar subida' }));
    expect(driver.actions).toEqual(['pause']);
    await screen.findByText('Subida en pausa. Puedes reanudarla cuando quieras.');
    expect(progressBar().value).toBe(50);

    await driver.user.click(screen.getByRole('button', { name: 'Reanudar subida' }));
    expect(driver.actions).toEqual(['pause', 'resume']);
    driver.progress(0.6);
    await waitFor(() => expect(progressBar().value).toBe(60));
    expect(screen.getByText('Subiendo el video…')).toBeTruthy();
  });

  it('says the connection dropped while the client retries, and goes on when the bytes flow again', async () => {
    const driver = await chooseAndSend();
    driver.progress(0.5);
    act(() => driver.events().onConnectionProblem('retrying'));
    await screen.findByText('Se perdió la conexión. Reintentando automáticamente…');
    expect(screen.getByRole('button', { name: 'Pausar subida' })).toBeTruthy();

    act(() => driver.events().onConnectionProblem('stopped'));
    await screen.findByText(/Sin conexión\. La subida seguirá sola cuando vuelva la red/);
    await driver.user.click(screen.getByRole('button', { name: 'Reanudar subida' }));
    expect(driver.actions).toEqual(['resume']);

    driver.progress(0.7);
    await screen.findByText('Subiendo el video…');
    driver.finish();
    await screen.findByText(acceptedMessage);
  });

  it('tells the player when the same file goes on from an earlier, interrupted upload', async () => {
    const driver = await chooseAndSend();
    act(() => driver.events().onResumingPrevious());
    driver.progress(0.48);
    await screen.findByText('Retomando la subida anterior de este archivo desde donde quedó…');
    await waitFor(() => expect(progressBar().value).toBe(48));
  });

  it('pauses, rather than loses, an upload when the player leaves the page', async () => {
    const driver = await chooseAndSend();
    driver.progress(0.2);
    await screen.findByRole('button', { name: 'Pausar subida' });
    cleanup();
    await waitFor(() => expect(driver.actions).toEqual(['pause']));
  });
});

describe('the upload page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the API for the rules of this deployment and shows them', async () => {
    const requests: string[] = [];
    const summary = 'MP4 de 15 a 90 segundos, 720p o más (el lado corto de al menos 720 px), hasta 50 MB.';
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        requests.push(input);
        const body = { max_bytes: 50 * 1024 * 1024, min_seconds: 15, max_seconds: 90, min_short_side: 720, summary };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }),
    );
    render(<UploadPage />);
    await waitFor(() => expect(document.getElementById('upload-file-hint')?.textContent).toBe(summary));
    expect(requests).toContain('/api/upload-rules');
  });

  it('says before any file is chosen that uploads have closed', async () => {
    const contest = {
      name: 'ANB Rising Stars 2026',
      rules: '',
      selected_per_city: 3,
      time_zone: 'America/Bogota',
      uploads_close_at: '2026-03-21T04:59:00Z',
      voting_closes_at: '2026-04-01T04:59:00Z',
      phase: 'voting',
      next_deadline_at: '2026-04-01T04:59:00Z',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) =>
        input === '/api/contest'
          ? new Response(JSON.stringify(contest), { status: 200, headers: { 'content-type': 'application/json' } })
          : new Response(JSON.stringify({ detail: 'No disponible.' }), { status: 503 }),
      ),
    );
    render(<UploadPage />);
    const notice = await screen.findByText(/^Las subidas cerraron el viernes, 20 de marzo de 2026, 11:59/);
    expect(notice.textContent).toMatch(/Ya no se reciben videos nuevos; la votación sigue abierta\.$/);
    expect(screen.getByLabelText('Título del video')).toBeTruthy();
  });
});
