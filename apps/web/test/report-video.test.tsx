import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicVideo } from '../src/api/types.ts';
import { GalleryPage } from '../src/gallery/gallery-page.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { json, problem, stubAccountApi } from './fake-account-api.ts';
import { expectFocusOn } from './focus.ts';

const aVideo: PublicVideo = {
  video_id: 'v1',
  title: 'Triple',
  player_name: 'Ana Pérez',
  city: 'Bogotá',
  country: 'Colombia',
  processed_url: '/media/v1.mp4',
  poster_url: null,
  votes: 2,
  uploaded_at: '2026-03-10T14:30:00Z',
};
const received = 'Reporte recibido: el equipo organizador revisará el video.';

function openGallery(report: () => Response) {
  const api = stubAccountApi({
    'GET /api/public/videos': () => json(200, [aVideo], { 'x-total-count': '1' }),
    'GET /api/auth/me': () => json(200, {}),
    'POST /api/public/videos/v1/report': report,
  });
  render(<GalleryPage />);
  return { api, user: userEvent.setup() };
}

const card = () => screen.findByRole('listitem', { name: 'Triple' });

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('reporting a video', () => {
  it("sends the reason and the details with the token, then shows the API's answer instead of the form", async () => {
    startSession('token-r1', 3600, 'luis@ejemplo.com');
    const { api, user } = openGallery(() => json(201, { message: received, report_id: 'r1' }));
    const found = await card();
    await user.click(within(found).getByRole('button', { name: 'Reportar «Triple»' }));
    const form = within(found).getByRole('form', { name: 'Reportar «Triple»' });
    await expectFocusOn(within(form).getByLabelText('Motivo'));
    expect(
      Array.from(within(form).getByLabelText<HTMLSelectElement>('Motivo').options).map((option) => option.text),
    ).toEqual([
      'Elige un motivo',
      'Contenido inapropiado',
      'No es baloncesto',
      'No es contenido propio',
      'Spam',
      'Otro',
    ]);
    await user.selectOptions(within(form).getByLabelText('Motivo'), 'No es contenido propio');
    await user.type(within(form).getByLabelText('Detalles (opcional)'), '  Es de un torneo de 2019.  ');
    await user.click(within(form).getByRole('button', { name: 'Enviar reporte' }));
    expect(await within(found).findByText(received)).toBeTruthy();
    expect(within(found).queryByRole('form')).toBeNull();
    expect(within(found).queryByRole('button', { name: /Reportar/ })).toBeNull();
    expect(api.to('POST /api/public/videos/v1/report')).toEqual([
      expect.objectContaining({
        authorization: 'Bearer token-r1',
        body: { reason: 'not_own_content', details: 'Es de un torneo de 2019.' },
      }),
    ]);
  });

  it('leaves the details out when none were written', async () => {
    startSession('token-r2', 3600, 'luis@ejemplo.com');
    const { api, user } = openGallery(() => json(201, { message: received, report_id: 'r2' }));
    const found = await card();
    await user.click(within(found).getByRole('button', { name: 'Reportar «Triple»' }));
    await user.selectOptions(within(found).getByLabelText('Motivo'), 'spam');
    await user.click(within(found).getByRole('button', { name: 'Enviar reporte' }));
    await within(found).findByText(received);
    expect(api.to('POST /api/public/videos/v1/report')[0]?.body).toEqual({ reason: 'spam' });
  });

  it('asks for a reason before sending anything', async () => {
    startSession('token-r3', 3600, 'luis@ejemplo.com');
    const { api, user } = openGallery(() => json(201, { message: received, report_id: 'r3' }));
    const found = await card();
    await user.click(within(found).getByRole('button', { name: 'Reportar «Triple»' }));
    await user.click(within(found).getByRole('button', { name: 'Enviar reporte' }));
    expect(within(found).getByRole('alert').textContent).toBe('Elige un motivo para el reporte.');
    expect(within(found).getByLabelText('Motivo').getAttribute('aria-invalid')).toBe('true');
    expect(api.to('POST /api/public/videos/v1/report')).toHaveLength(0);
  });

  it('limits the details to 500 characters', async () => {
    startSession('token-r4', 3600, 'luis@ejemplo.com');
    const { user } = openGallery(() => json(201, { message: received, report_id: 'r4' }));
    const found = await card();
    await user.click(within(found).getByRole('button', { name: 'Reportar «Triple»' }));
    expect(within(found).getByLabelText('Detalles (opcional)').getAttribute('maxlength')).toBe('500');
    expect(within(found).getByText('0 de 500 caracteres.')).toBeTruthy();
  });

  it("shows the API's detail when the video was already reported by this user", async () => {
    startSession('token-r5', 3600, 'luis@ejemplo.com');
    const detail = 'Ya reportaste este video; el equipo organizador lo revisará.';
    const { user } = openGallery(() => problem(400, 'ALREADY_REPORTED', detail));
    const found = await card();
    await user.click(within(found).getByRole('button', { name: 'Reportar «Triple»' }));
    await user.selectOptions(within(found).getByLabelText('Motivo'), 'spam');
    await user.click(within(found).getByRole('button', { name: 'Enviar reporte' }));
    expect(await within(found).findByText(detail)).toBeTruthy();
    expect(within(found).queryByRole('form')).toBeNull();
  });

  it('keeps the form open with the refusal when the report fails otherwise', async () => {
    startSession('token-r6', 3600, 'luis@ejemplo.com');
    const { user } = openGallery(() => problem(404, 'VIDEO_NOT_FOUND', 'El video no existe.'));
    const found = await card();
    await user.click(within(found).getByRole('button', { name: 'Reportar «Triple»' }));
    await user.selectOptions(within(found).getByLabelText('Motivo'), 'other');
    await user.click(within(found).getByRole('button', { name: 'Enviar reporte' }));
    await waitFor(() => expect(within(found).getByRole('alert').textContent).toBe('El video no existe.'));
    expect(within(found).getByRole('form', { name: 'Reportar «Triple»' })).toBeTruthy();
  });

  it('is not offered to a visitor who is not signed in', async () => {
    openGallery(() => json(201, {}));
    const found = await card();
    expect(within(found).getByRole('button', { name: 'Votar por «Triple»' })).toBeTruthy();
    expect(within(found).queryByRole('button', { name: /Reportar/ })).toBeNull();
  });
});
