import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp } from './support/accounts.ts';
import { collectPageErrors, desktop, launchChromium } from './support/browser.ts';
import { publishVideoOfANewPlayer } from './support/published-video.ts';
import { screenshotBoth } from './support/screens.ts';
import { repoRoot, startStack, type Stack } from './support/stack.ts';

// The organiser's journey against the real stack: the role granted from the command line (npm run admin), a
// video reported by a fan, hidden from Moderación and gone from the gallery; a new calendar on the home page.
let stack: Stack;
let browser: Browser;
let organiser: BrowserContext;
let fan: BrowserContext;
const pageErrors: string[] = [];
const run = Date.now().toString(36);
const title = `Doble en la pintura ${run}`;
const contestName = `Copa ANB ${run}`;
const organiserAccount = { first: 'Olga', last: 'Ruiz', email: `olga.${run}@example.com` };
const fanAccount = { first: 'Luis', last: 'Gómez', email: `luis.${run}@example.com` };

before(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  organiser = await browser.newContext({ ...desktop, baseURL: stack.baseUrl, locale: 'es-CO' });
  fan = await browser.newContext({ ...desktop, baseURL: stack.baseUrl, locale: 'es-CO' });
  pageErrors.push(...[organiser, fan].flatMap((context) => collectPageErrors(context)));
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function api(pathname: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(`${stack.baseUrl}${pathname}`, { ...init, headers });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> };
}

/** `npm run admin -- grant-organiser <email>` on the stack's own database, as an organiser would run it. */
async function grantOrganiser(email: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(repoRoot, 'apps/admin/src/main.ts'), 'grant-organiser', email],
    { cwd: repoRoot, env: { ...process.env, DATA_DIR: stack.workDir }, timeout: 120_000 },
  );
  return stdout.trim();
}

const organiserMenu = (page: Page) => page.getByRole('navigation', { name: 'Organización' });

test(
  'an organiser hides a reported video, which leaves the gallery, and sets the calendar shown on the home page',
  { timeout: 600_000 },
  async (t) => {
    const organiserPage = await organiser.newPage();
    const fanPage = await fan.newPage();
    let videoId = '';

    await t.test('a player publishes a video', async () => {
      videoId = await publishVideoOfANewPlayer(
        stack,
        { first: 'Ana', last: 'Pérez', email: `ana.${run}@example.com`, city: 'Cartagena' },
        title,
      );
    });

    await t.test('a player sees no organiser menu; the role granted from the command line shows it', async () => {
      await signUp(organiserPage, organiserAccount, 'Bogotá');
      await organiserPage.goto('/');
      await organiserPage.getByRole('link', { name: 'Mi cuenta' }).waitFor();
      assert.equal(await organiserMenu(organiserPage).count(), 0);
      await organiserPage.goto('/moderacion');
      await organiserPage.getByRole('heading', { level: 1, name: 'Solo para la organización' }).waitFor();

      assert.match(await grantOrganiser(organiserAccount.email), /is now an organiser/);
      await organiserPage.goto('/');
      const menu = organiserMenu(organiserPage);
      await menu.waitFor();
      assert.deepEqual(await menu.getByRole('link').allTextContents(), [
        'Moderación',
        'Calendario',
        'Resultados',
        'Auditoría',
      ]);
    });

    await t.test('a fan reports the video from the gallery', async () => {
      await signUp(fanPage, fanAccount, 'Cali');
      await fanPage.goto('/');
      const card = fanPage.getByRole('listitem', { name: title });
      await card.getByRole('button', { name: `Reportar «${title}»` }).click();
      await card.getByLabel('Motivo').selectOption({ label: 'Contenido inapropiado' });
      await card.getByLabel('Detalles (opcional)').fill('Gestos ofensivos al final del video.');
      await card.getByRole('button', { name: 'Enviar reporte' }).click();
      await card.getByText('Reporte recibido: el equipo organizador revisará el video.').waitFor();
    });

    await t.test('the organiser finds it in Moderación and hides it with a reason', async () => {
      await organiserMenu(organiserPage).getByRole('link', { name: 'Moderación' }).click();
      const queue = organiserPage.getByRole('region', { name: 'Reportes pendientes' });
      const card = queue.getByRole('listitem', { name: title });
      await card.getByText('1 reporte pendiente').waitFor();
      await card.getByText('Contenido inapropiado: 1').waitFor();
      await screenshotBoth(browser, stack.baseUrl, 'moderation-queue', '/moderacion', await organiser.storageState());
      await card.getByRole('button', { name: `Ocultar «${title}»` }).click();
      await card.getByLabel('Motivo').fill('Gestos ofensivos: incumple el reglamento.');
      await card.getByRole('button', { name: 'Ocultar video' }).click();
      await organiserPage
        .getByText(`«${title}» está oculto: ya no aparece en la galería ni cuenta en el ranking.`)
        .waitFor();
      await queue.getByText('No hay reportes pendientes.').waitFor();
      const listed = organiserPage
        .getByRole('region', { name: 'Todos los videos' })
        .getByRole('listitem', { name: title });
      await listed.getByText('Oculto', { exact: true }).waitFor();
      await listed.getByText(/Gestos ofensivos: incumple el reglamento\./).waitFor();
    });

    await t.test("the video's votes open from Moderación, with the user lookup", async () => {
      const listed = organiserPage
        .getByRole('region', { name: 'Todos los videos' })
        .getByRole('listitem', { name: title });
      await listed.getByRole('link', { name: `Ver votos de «${title}»` }).click();
      await organiserPage.getByRole('heading', { level: 1, name: `Votos de «${title}»` }).waitFor();
      await organiserPage.getByText('Todavía no tiene votos.').waitFor();
      await organiserPage.getByLabel('Correo del usuario').fill(fanAccount.email);
      await organiserPage.getByRole('button', { name: 'Buscar' }).click();
      const card = organiserPage.getByRole('region', { name: `Cuenta de ${fanAccount.first} ${fanAccount.last}` });
      await card.getByText('Activa').waitFor();
      assert.equal(new URL(organiserPage.url()).searchParams.get('video'), videoId);
    });

    await t.test('the gallery no longer shows the hidden video', async () => {
      await fanPage.goto('/');
      await fanPage.getByText('Todavía no hay videos publicados aquí.').waitFor();
      assert.equal(await fanPage.getByRole('listitem', { name: title }).count(), 0);
      const { body } = await api(`/api/public/videos?limit=50`);
      assert.equal(
        (body as unknown as { video_id: string }[]).some((video) => video.video_id === videoId),
        false,
      );
    });

    await t.test('the organiser sets the calendar and the home page shows it with a countdown', async () => {
      await organiserMenu(organiserPage).getByRole('link', { name: 'Calendario' }).click();
      const name = organiserPage.getByLabel('Nombre del concurso');
      await name.fill(contestName);
      await organiserPage.getByLabel('Jugadores seleccionados por ciudad').fill('4');
      // Far enough ahead to stay in the "open" phase; typed as Bogotá's clocks show it.
      const year = new Date().getUTCFullYear() + 1;
      await organiserPage.getByLabel('Cierre de subidas').fill(`${year}-03-20T23:59`);
      await organiserPage.getByLabel('Cierre de la votación').fill(`${year}-03-31T23:59`);
      await organiserPage.getByRole('button', { name: 'Guardar calendario' }).click();
      await organiserPage.getByText(/^Calendario guardado\./).waitFor();

      const { body: contest } = await api('/api/contest');
      assert.equal(contest.name, contestName);
      assert.equal(contest.selected_per_city, 4);
      assert.equal(Date.parse(contest.uploads_close_at as string), Date.parse(`${year}-03-21T04:59:00Z`));

      await fanPage.goto('/');
      await fanPage.getByRole('heading', { level: 1, name: contestName }).waitFor();
      await fanPage.getByText('Subidas y votaciones abiertas').waitFor();
      await fanPage.getByText('Las subidas de videos cierran en').waitFor();
      await fanPage.getByRole('timer').waitFor();
      await fanPage
        .getByText(/los 4 jugadores más votados de cada ciudad/)
        .first()
        .waitFor();
      await fanPage
        .getByText(new RegExp(`20 de marzo de ${year}, 11:59`))
        .first()
        .waitFor();
      await screenshotBoth(browser, stack.baseUrl, 'home', '/');
    });

    await t.test('Resultados offers the CSV, fetched with the token and saved under its own name', async () => {
      await organiserMenu(organiserPage).getByRole('link', { name: 'Resultados' }).click();
      await organiserPage.getByText('Resultados provisionales.').waitFor();
      const downloading = organiserPage.waitForEvent('download');
      await organiserPage.getByRole('button', { name: 'Descargar CSV' }).click();
      const download = await downloading;
      assert.match(download.suggestedFilename(), /\.csv$/);
      const saved = await download.path();
      assert.ok((await readFile(saved, 'utf8')).length > 0, 'the file has the CSV header at least');
    });

    await t.test('Auditoría lists the grant, the hidden video and the calendar change', async () => {
      await organiserMenu(organiserPage).getByRole('link', { name: 'Auditoría' }).click();
      const log = organiserPage.getByRole('table', { name: /Acciones de la organización/ });
      await log.getByRole('row', { name: /Concurso actualizado/ }).waitFor();
      await log.getByRole('row', { name: /Video ocultado.*Gestos ofensivos: incumple el reglamento\./ }).waitFor();
      const granted = log.getByRole('row', { name: /Rol de organizador concedido/ });
      await granted.getByText('Línea de comandos').waitFor();
      const state = await organiser.storageState();
      await screenshotBoth(browser, stack.baseUrl, 'moderation', '/moderacion', state);
      await screenshotBoth(browser, stack.baseUrl, 'calendar', '/calendario', state);
      await screenshotBoth(browser, stack.baseUrl, 'audit', '/auditoria', state);
      await screenshotBoth(browser, stack.baseUrl, 'results', '/resultados', state);
      await screenshotBoth(browser, stack.baseUrl, 'vote-profile', `/moderacion/votos?video=${videoId}`, state);
    });

    await t.test('no console errors or CSP violations on any page', () => {
      assert.deepEqual(pageErrors, []);
    });
  },
);
