import { act, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/api/api-error.ts';
import type { OwnVideo, VideoStatus } from '../src/api/types.ts';
import { MyVideosView } from '../src/my-videos/my-videos-view.tsx';
import { expectFocusOn } from './focus.ts';

const video = (id: string, status: VideoStatus, extra: Partial<OwnVideo> = {}): OwnVideo => ({
  video_id: id,
  title: `Jugada ${id}`,
  status,
  uploaded_at: '2025-03-10T14:30:00Z',
  processed_at: status === 'processed' ? '2025-03-10T14:31:00Z' : null,
  processed_url: status === 'processed' ? `http://localhost/media/processed/${id}.mp4` : null,
  poster_url: status === 'processed' ? `http://localhost/media/processed/${id}.jpg` : null,
  ...extra,
});
const item = (title: string) => screen.getByRole('listitem', { name: title });
const advance = (ms: number) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('"Mis videos"', () => {
  it('names every state in words, with the reason of a failure', async () => {
    const load = async () => [
      video('a', 'uploaded'),
      video('b', 'processing'),
      video('c', 'processed'),
      video('d', 'failed', {
        failure_reason:
          'Error en el archivo (tipo o tamaño inválido): el video dura 12 s y debe durar entre 20 y 60 s.',
      }),
    ];
    render(<MyVideosView load={load} remove={vi.fn()} />);
    await screen.findByText('Jugada a');
    expect(within(item('Jugada a')).getByText('Subido, en cola')).toBeTruthy();
    expect(within(item('Jugada b')).getByText('Procesando')).toBeTruthy();
    expect(within(item('Jugada c')).getByText('Publicado')).toBeTruthy();
    expect(within(item('Jugada d')).getByText('Falló')).toBeTruthy();
    expect(within(item('Jugada d')).getByText('El video dura 12 s y debe durar entre 20 y 60 s.')).toBeTruthy();
    expect(within(item('Jugada c')).getByRole('button', { name: 'Reproducir «Jugada c»' })).toBeTruthy();
  });

  it('follows a video from queued to published by itself, announcing each change, then stops asking', async () => {
    vi.useFakeTimers();
    const answers: VideoStatus[] = ['uploaded', 'processing', 'processed'];
    const load = vi.fn(async () => [video('a', answers.shift() ?? 'processed')]);
    render(<MyVideosView load={load} remove={vi.fn()} />);
    await advance(0);
    expect(within(item('Jugada a')).getByText('Subido, en cola')).toBeTruthy();

    await advance(3_000);
    expect(within(item('Jugada a')).getByText('Procesando')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('«Jugada a»: procesando.');

    await advance(3_000);
    expect(within(item('Jugada a')).getByText('Publicado')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('«Jugada a»: publicado.');

    const calls = load.mock.calls.length;
    await advance(30_000);
    expect(load.mock.calls.length).toBe(calls);
  });

  it("shows the worker's progress while processing, refreshed by itself, and drops the bar once published", async () => {
    vi.useFakeTimers();
    const answers = [
      [video('a', 'processing', { progress: 12 })],
      [video('a', 'processing', { progress: 57 })],
      [video('a', 'processed')],
    ];
    render(<MyVideosView load={async () => answers.shift() ?? [video('a', 'processed')]} remove={vi.fn()} />);
    const bar = () =>
      within(item('Jugada a')).queryByRole('progressbar', { name: 'Avance del procesamiento de «Jugada a»' });
    await advance(0);
    expect(bar()?.getAttribute('aria-valuetext')).toBe('12 %');

    await advance(3_000);
    expect(bar()?.getAttribute('aria-valuetext')).toBe('57 %');

    await advance(3_000);
    expect(within(item('Jugada a')).getByText('Publicado')).toBeTruthy();
    expect(bar()).toBeNull();
  });

  it('shows a failure as soon as the worker reports it', async () => {
    vi.useFakeTimers();
    const answers = [
      [video('a', 'processing')],
      [video('a', 'failed', { failure_reason: 'El video no se pudo leer.' })],
    ];
    render(<MyVideosView load={async () => answers.shift() ?? []} remove={vi.fn()} />);
    await advance(0);
    await advance(3_000);
    expect(within(item('Jugada a')).getByText('Falló')).toBeTruthy();
    expect(within(item('Jugada a')).getByText('El video no se pudo leer.')).toBeTruthy();
  });

  it('deletes a video not yet published only after confirmation', async () => {
    const remove = vi.fn(async () => 'El video ha sido eliminado exitosamente.');
    const user = userEvent.setup();
    render(<MyVideosView load={async () => [video('a', 'uploaded'), video('b', 'processed')]} remove={remove} />);
    await screen.findByText('Jugada a');
    expect(within(item('Jugada b')).queryByRole('button', { name: /Eliminar/ })).toBeNull();

    await user.click(within(item('Jugada a')).getByRole('button', { name: 'Eliminar «Jugada a»' }));
    expect(remove).not.toHaveBeenCalled();
    await expectFocusOn(within(item('Jugada a')).getByRole('button', { name: 'Cancelar' }));
    await user.click(within(item('Jugada a')).getByRole('button', { name: 'Cancelar' }));
    expect(remove).not.toHaveBeenCalled();

    await user.click(within(item('Jugada a')).getByRole('button', { name: 'Eliminar «Jugada a»' }));
    await user.click(within(item('Jugada a')).getByRole('button', { name: 'Sí, eliminar' }));
    expect(remove).toHaveBeenCalledWith('a');
    await waitFor(() => expect(screen.queryByText('Jugada a')).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('El video ha sido eliminado exitosamente. («Jugada a»)');
  });

  it("keeps the video and shows the API's refusal when it was published meanwhile", async () => {
    const detail =
      'El video no puede ser eliminado porque no cumple las condiciones (por ejemplo, ya está habilitado para votación).';
    const remove = vi.fn(async () => Promise.reject(new ApiError(400, 'VIDEO_NOT_DELETABLE', detail)));
    const user = userEvent.setup();
    render(<MyVideosView load={async () => [video('a', 'processing')]} remove={remove} />);
    await user.click(await screen.findByRole('button', { name: 'Eliminar «Jugada a»' }));
    await user.click(screen.getByRole('button', { name: 'Sí, eliminar' }));
    expect((await within(item('Jugada a')).findByRole('alert')).textContent).toBe(detail);
  });
});
