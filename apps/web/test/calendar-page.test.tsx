import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Contest } from '../src/api/types.ts';
import { CalendarPage } from '../src/organiser/calendar-page.tsx';
import { endSession, startSession } from '../src/session/session.ts';
import { json, problem, stubAccountApi, type ReceivedRequest } from './fake-account-api.ts';
import { expectFocusOn } from './focus.ts';

const contest: Contest = {
  name: 'ANB Rising Stars 2026',
  rules: 'Un video por jugador.',
  selected_per_city: 3,
  time_zone: 'America/Bogota',
  uploads_close_at: '2026-03-21T04:59:00Z',
  voting_closes_at: null,
  phase: 'open',
  next_deadline_at: '2026-03-21T04:59:00Z',
};

/** What PUT /api/admin/contest answers: the body as the new contest. */
const saved = (request: ReceivedRequest) => json(200, { ...contest, ...(request.body as object), phase: 'open' });

function openCalendar(put: (request: ReceivedRequest) => Response = saved) {
  const api = stubAccountApi({ 'GET /api/contest': () => json(200, contest), 'PUT /api/admin/contest': put });
  startSession('token-org', 3600, 'org@ejemplo.com');
  history.replaceState(null, '', '/calendario');
  render(<CalendarPage />);
  return { api, user: userEvent.setup() };
}

const input = (label: string) => screen.getByLabelText<HTMLInputElement>(label);

async function setDate(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  await user.clear(input(label));
  if (value) await user.type(input(label), value);
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
});

describe('Calendario', () => {
  it("fills the form with the contest, its dates as Bogotá's clocks show them", async () => {
    openCalendar();
    expect((await screen.findByLabelText<HTMLInputElement>('Nombre del concurso')).value).toBe('ANB Rising Stars 2026');
    expect(input('Reglamento').value).toBe('Un video por jugador.');
    expect(input('Jugadores seleccionados por ciudad').value).toBe('3');
    expect(input('Cierre de subidas').value).toBe('2026-03-20T23:59');
    expect(input('Cierre de la votación').value).toBe('');
    expect(screen.getByText(/^Zona horaria: .* \(America\/Bogota\)\./)).toBeTruthy();
  });

  it("sends the dates typed in Bogotá's time as UTC instants, and an empty one as null", async () => {
    const { api, user } = openCalendar();
    await screen.findByLabelText('Nombre del concurso');
    await user.clear(input('Jugadores seleccionados por ciudad'));
    await user.type(input('Jugadores seleccionados por ciudad'), '5');
    await setDate(user, 'Cierre de subidas', '');
    await setDate(user, 'Cierre de subidas', '2026-04-10T18:00');
    await setDate(user, 'Cierre de la votación', '2026-04-30T23:59');
    await user.click(screen.getByRole('button', { name: 'Guardar calendario' }));
    const notice = await screen.findByText(/^Calendario guardado\./);
    await expectFocusOn(notice);
    expect(api.to('PUT /api/admin/contest')).toEqual([
      expect.objectContaining({
        authorization: 'Bearer token-org',
        body: {
          name: 'ANB Rising Stars 2026',
          rules: 'Un video por jugador.',
          selected_per_city: 5,
          uploads_close_at: '2026-04-10T23:00:00.000Z',
          voting_closes_at: '2026-05-01T04:59:00.000Z',
        },
      }),
    ]);
  });

  it('clears a date to leave the contest without that deadline', async () => {
    const { api, user } = openCalendar();
    await screen.findByLabelText('Nombre del concurso');
    await setDate(user, 'Cierre de subidas', '');
    await user.click(screen.getByRole('button', { name: 'Guardar calendario' }));
    await screen.findByText(/^Calendario guardado\./);
    expect(api.to('PUT /api/admin/contest')[0]?.body).toMatchObject({ uploads_close_at: null, voting_closes_at: null });
  });

  it('refuses a voting close before the uploads close without sending, next to the field', async () => {
    const { api, user } = openCalendar();
    await screen.findByLabelText('Nombre del concurso');
    await setDate(user, 'Cierre de la votación', '2026-03-19T10:00');
    await user.click(screen.getByRole('button', { name: 'Guardar calendario' }));
    const field = input('Cierre de la votación');
    await expectFocusOn(field);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('calendar-voting_closes_at-error')?.textContent).toBe(
      'La votación debe cerrar después del cierre de subidas.',
    );
    expect(api.to('PUT /api/admin/contest')).toHaveLength(0);
  });

  it('asks for a name and a whole number of players per city', async () => {
    const { api, user } = openCalendar();
    await screen.findByLabelText('Nombre del concurso');
    await user.clear(input('Nombre del concurso'));
    await user.clear(input('Jugadores seleccionados por ciudad'));
    await user.type(input('Jugadores seleccionados por ciudad'), '0');
    await user.click(screen.getByRole('button', { name: 'Guardar calendario' }));
    await expectFocusOn(input('Nombre del concurso'));
    expect(screen.getByText('Escribe el nombre del concurso.')).toBeTruthy();
    expect(screen.getByText('Escribe un número entero entre 1 y 1000.')).toBeTruthy();
    expect(api.to('PUT /api/admin/contest')).toHaveLength(0);
  });

  it("puts the API's INVALID_CALENDAR refusal next to the voting close", async () => {
    const detail =
      'La votación no puede cerrar antes que las subidas ni quedar con fecha mientras las subidas no la tienen.';
    const { user } = openCalendar(() => problem(400, 'INVALID_CALENDAR', detail));
    await screen.findByLabelText('Nombre del concurso');
    await setDate(user, 'Cierre de la votación', '2026-03-25T10:00');
    await user.click(screen.getByRole('button', { name: 'Guardar calendario' }));
    await waitFor(() => expect(document.getElementById('calendar-voting_closes_at-error')?.textContent).toBe(detail));
    await expectFocusOn(input('Cierre de la votación'));
  });

  it('shows any other refusal above the form', async () => {
    const { user } = openCalendar(() =>
      problem(403, 'FORBIDDEN', 'Esta acción es solo para el equipo organizador del concurso.'),
    );
    await screen.findByLabelText('Nombre del concurso');
    await user.click(screen.getByRole('button', { name: 'Guardar calendario' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Esta acción es solo para el equipo organizador del concurso.',
      ),
    );
  });
});
