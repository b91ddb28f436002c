import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { AuditEntry, Results } from '../src/api/admin-types.ts';
import { AuditPage } from '../src/organiser/audit-page.tsx';
import { ResultsPage } from '../src/organiser/results-page.tsx';
import { fileNameOf } from '../src/api/http.ts';
import { endSession, startSession } from '../src/session/session.ts';
import { json, problem, stubAccountApi, type ReceivedRequest } from './fake-account-api.ts';

const results: Results = {
  status: 'final',
  generated_at: '2026-04-01T05:00:00Z',
  cities: [
    {
      city: 'Bogotá',
      players: [
        {
          position: 1,
          user_id: 'u1',
          player: 'Ana Pérez',
          email: 'ana@ejemplo.com',
          city: 'Bogotá',
          video_id: 'v1',
          video_title: 'Triple',
          video_url: 'https://anb.example/v/v1',
          votes: 42,
        },
      ],
    },
    {
      city: 'Santa Marta',
      players: [
        {
          position: 1,
          user_id: 'u2',
          player: 'Luis Gómez',
          email: 'luis@ejemplo.com',
          city: 'Santa Marta',
          video_id: 'v2',
          video_title: 'Clavada',
          video_url: 'https://anb.example/v/v2',
          votes: 1,
        },
      ],
    },
  ],
};

const entry = (index: number, changes: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `a${index}`,
  at: '2026-03-19T15:00:00Z',
  actor: { user_id: 'u0', email: 'org@ejemplo.com' },
  action: 'video_hidden',
  target_type: 'video',
  target_id: `v${index}`,
  reason: 'Gestos ofensivos',
  details: {},
  ...changes,
});

function signIn(answers: Record<string, (request: ReceivedRequest) => Response>, address: string) {
  const api = stubAccountApi(answers);
  startSession('token-org', 3600, 'org@ejemplo.com');
  history.replaceState(null, '', address);
  return { api, user: userEvent.setup() };
}

beforeEach(() => history.replaceState(null, '', '/'));
afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Resultados', () => {
  it('shows one table per city with position, player and e-mail, video and votes, and says they are final', async () => {
    signIn({ 'GET /api/admin/results': () => json(200, results) }, '/resultados');
    render(<ResultsPage />);
    const bogota = await screen.findByRole('table', { name: 'Seleccionados de Bogotá' });
    const row = within(bogota).getByRole('row', { name: /Ana Pérez/ });
    expect(within(row).getByText('ana@ejemplo.com')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Triple' }).getAttribute('href')).toBe('https://anb.example/v/v1');
    expect(within(row).getByText('42 votos')).toBeTruthy();
    const santaMarta = screen.getByRole('region', { name: 'Santa Marta' });
    expect(within(santaMarta).getByRole('table', { name: 'Seleccionados de Santa Marta' })).toBeTruthy();
    expect(within(santaMarta).getByText('1 voto')).toBeTruthy();
    expect(screen.getByText('Resultados finales.')).toBeTruthy();
  });

  it('says the results are provisional while voting is open', async () => {
    signIn({ 'GET /api/admin/results': () => json(200, { ...results, status: 'provisional' }) }, '/resultados');
    render(<ResultsPage />);
    expect(await screen.findByText('Resultados provisionales.')).toBeTruthy();
  });

  it("downloads the CSV with the token and saves it under the server's file name", async () => {
    const csv = 'ciudad,posicion,jugador\nBogotá,1,Ana Pérez\n';
    const { api, user } = signIn(
      {
        'GET /api/admin/results': () => json(200, results),
        'GET /api/admin/results.csv': () =>
          new Response(csv, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': 'attachment; filename="resultados-2026-04-01.csv"',
            },
          }),
      },
      '/resultados',
    );
    // jsdom has no blob URLs: the browser's part is replaced here, and the file handed to it is checked.
    let savedBlob: Blob | undefined;
    const browserUrls = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    onTestFinished(() => void Object.assign(URL, browserUrls));
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => ((savedBlob = blob), 'blob:resultados'),
      revokeObjectURL: () => undefined,
    });
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    render(<ResultsPage />);
    await user.click(screen.getByRole('button', { name: 'Descargar CSV' }));
    await waitFor(() => expect(clicked).toEqual([{ href: 'blob:resultados', download: 'resultados-2026-04-01.csv' }]));
    expect(await savedBlob?.text()).toBe(csv);
    expect(api.to('GET /api/admin/results.csv')[0]?.authorization).toBe('Bearer token-org');
  });

  it("shows the API's refusal of the download", async () => {
    const { user } = signIn(
      {
        'GET /api/admin/results': () => json(200, results),
        'GET /api/admin/results.csv': () =>
          problem(403, 'FORBIDDEN', 'Esta acción es solo para el equipo organizador del concurso.'),
      },
      '/resultados',
    );
    render(<ResultsPage />);
    await user.click(screen.getByRole('button', { name: 'Descargar CSV' }));
    expect(await screen.findByText('Esta acción es solo para el equipo organizador del concurso.')).toBeTruthy();
  });
});

describe("the downloaded file's name", () => {
  it('comes from Content-Disposition, the UTF-8 form winning over the plain one', () => {
    expect(fileNameOf('attachment; filename="resultados.csv"')).toBe('resultados.csv');
    expect(fileNameOf('attachment; filename=resultados.csv')).toBe('resultados.csv');
    expect(fileNameOf('attachment; filename="r.csv"; filename*=UTF-8\'\'resultados-bogot%C3%A1.csv')).toBe(
      'resultados-bogotá.csv',
    );
    expect(fileNameOf(null)).toBeUndefined();
    expect(fileNameOf('inline')).toBeUndefined();
  });
});

describe('Auditoría', () => {
  it('lists who did what, on what and why, the command line named as such', async () => {
    signIn(
      {
        'GET /api/admin/audit': () =>
          json(
            200,
            [
              entry(1),
              entry(2, {
                actor: { user_id: null, email: null },
                action: 'grant_organiser',
                target_type: 'user',
                target_id: 'u7',
                reason: null,
                details: { email: 'org@ejemplo.com' },
              }),
            ],
            { 'x-total-count': '2' },
          ),
      },
      '/auditoria',
    );
    render(<AuditPage />);
    const hidden = await screen.findByRole('row', { name: /Video ocultado/ });
    expect(within(hidden).getByText('org@ejemplo.com')).toBeTruthy();
    expect(within(hidden).getByText('Gestos ofensivos')).toBeTruthy();
    expect(within(hidden).getByRole('link').getAttribute('href')).toBe('/moderacion/votos?video=v1');
    const granted = screen.getByRole('row', { name: /Rol de organizador concedido/ });
    expect(within(granted).getByText('Línea de comandos')).toBeTruthy();
    expect(within(granted).getByText(/^Usuario/)).toBeTruthy();
    expect(within(granted).getByText('Correo').closest('li')?.textContent).toBe('Correo: org@ejemplo.com');
    expect(screen.getByText('2 acciones')).toBeTruthy();
  });

  it("tells a contest update's settings in words, its dates in Bogotá's time", async () => {
    signIn(
      {
        'GET /api/admin/audit': () =>
          json(
            200,
            [
              entry(1, {
                action: 'contest_updated',
                target_type: 'contest',
                target_id: null,
                reason: null,
                details: {
                  name: 'Copa 2026',
                  selected_per_city: 4,
                  uploads_close_at: '2026-03-21T04:59:00.000Z',
                  voting_closes_at: null,
                },
              }),
            ],
            { 'x-total-count': '1' },
          ),
      },
      '/auditoria',
    );
    render(<AuditPage />);
    const row = await screen.findByRole('row', { name: /Concurso actualizado/ });
    const lines = Array.from(row.querySelectorAll('.audit-details li')).map((line) => line.textContent);
    expect(lines).toEqual([
      'Nombre: Copa 2026',
      'Seleccionados por ciudad: 4',
      expect.stringMatching(/^Cierre de subidas: 20\D.*2026, 11:59 p\.\s?m\.$/),
      'Cierre de la votación: sin fecha',
    ]);
  });

  it('pages with the pager and X-Total-Count, 50 entries a page', async () => {
    const { api, user } = signIn(
      {
        'GET /api/admin/audit': (request) => {
          const offset = Number(request.url.searchParams.get('offset'));
          return json(
            200,
            Array.from({ length: Math.min(50, 120 - offset) }, (_, i) => entry(offset + i)),
            { 'x-total-count': '120' },
          );
        },
      },
      '/auditoria',
    );
    render(<AuditPage />);
    await screen.findByText('Página 1 de 3');
    await user.click(screen.getByRole('link', { name: 'Siguiente →' }));
    await screen.findByText('Página 2 de 3');
    expect(location.search).toBe('?pagina=2');
    const last = api.to('GET /api/admin/audit').at(-1)?.url.searchParams;
    expect([last?.get('limit'), last?.get('offset')]).toEqual(['50', '50']);
    await waitFor(() => expect(document.activeElement?.id).toBe('audit-results'));
  });
});
