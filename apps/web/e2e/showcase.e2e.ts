import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { password, signUp, submitSignUp } from './support/accounts.ts';
import { collectPageErrors, desktop, launchChromium } from './support/browser.ts';
import { throttleUpload } from './support/network.ts';
import { makeSampleVideo } from './support/sample-video.ts';
import { screenshotBoth, screenshotDir } from './support/screens.ts';
import { startStack, type Stack } from './support/stack.ts';

// One run of the whole journey in a real browser against the real stack (API, worker, PostgreSQL).
let stack: Stack;
let browser: Browser;
let samplePath: string;
let star: BrowserContext;
let fan: BrowserContext;
const pageErrors: string[] = [];
const run = Date.now().toString(36);
const city = `Barranquilla ${run}`;
const title = `Triple sobre la bocina ${run}`;
const starAccount = { first: 'Ana', last: 'Pérez', email: `ana.${run}@example.com` };
const fanAccount = { first: 'Luis', last: 'Gómez', email: `luis.${run}@example.com` };

before(async () => {
  // A size limit other than the organiser's, to see the upload form follow the API's configuration. A slower
  // preset than the test stack's: "Mis videos" must open while the video is still being processed to see it
  // change (with ultrafast the worker could publish it before the page opened).
  stack = await startStack({ UPLOAD_MAX_BYTES: String(60 * 1024 * 1024), FFMPEG_PRESET: 'medium' });
  [browser, samplePath] = await Promise.all([launchChromium(), makeSampleVideo(stack.workDir)]);
  star = await browser.newContext({ ...desktop, baseURL: stack.baseUrl, locale: 'es-CO' });
  fan = await browser.newContext({ ...desktop, baseURL: stack.baseUrl, locale: 'es-CO' });
  pageErrors.push(...[star, fan].flatMap((context) => collectPageErrors(context)));
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Every value the upload progress bar takes, recorded in the page as it changes. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('#upload-progress');
      if (bar && seen.at(-1) !== bar.value) seen.push(bar.value);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

test(
  'a player signs up, uploads, gets published and is voted for; a second vote is refused',
  { timeout: 600_000 },
  async (t) => {
    const starPage = await star.newPage();

    await t.test('sign-up shows the rules next to the fields before sending anything', async () => {
      await starPage.goto('/registro');
      await starPage.getByLabel('Contraseña', { exact: true }).fill('corta');
      await starPage.getByRole('button', { name: 'Crear cuenta' }).click();
      const firstName = starPage.getByLabel('Nombre', { exact: true });
      await firstName.waitFor();
      assert.equal(await firstName.getAttribute('aria-invalid'), 'true');
      assert.equal(await starPage.evaluate(() => document.activeElement?.id), 'signup-first_name');
      await starPage.getByText('La contraseña debe tener al menos 8 caracteres.').waitFor();
    });

    await t.test('signs up the first player and lands on the upload page signed in', async () => {
      await signUp(starPage, starAccount, city);
    });

    await t.test("the upload page shows the rules this deployment's API announces", async () => {
      const hint = starPage.locator('#upload-file-hint');
      await hint.getByText(/hasta 60 MB\.$/).waitFor();
      assert.equal(
        await hint.textContent(),
        'MP4 de 20 a 60 segundos, 1080p o más (el lado corto de al menos 1080 px), hasta 60 MB.',
      );
    });

    await t.test('the API refusal of a taken email shows next to the email field', async () => {
      const page = await browser.newPage({ baseURL: stack.baseUrl });
      await submitSignUp(page, starAccount, city);
      const email = page.getByLabel('Correo electrónico');
      await page.locator('#signup-email[aria-invalid="true"]').waitFor();
      assert.equal(await email.getAttribute('aria-invalid'), 'true');
      const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
      const message = await page.locator(`#${describedBy.split(' ')[0]}`).textContent();
      assert.match(message ?? '', /el email ya está registrado/);
      await page.close();
    });

    await t.test('an upload can be cancelled while it is sending', async () => {
      await starPage.getByLabel('Título del video').fill(title);
      await starPage.getByLabel('Video (MP4)').setInputFiles(samplePath);
      await starPage.getByText(/21 s · 1920×1080/).waitFor();
      const unthrottle = await throttleUpload(starPage, 200 * 1024);
      await starPage.getByRole('button', { name: 'Subir video' }).click();
      await starPage.getByRole('button', { name: 'Cancelar subida' }).click();
      await starPage.getByText('Subida cancelada. El video no se envió.').waitFor();
      await unthrottle();
    });

    await t.test('uploads the MP4 with a progress bar that climbs to 100 %', async () => {
      await starPage.getByLabel('Video (MP4)').setInputFiles(samplePath);
      await starPage.getByText(/21 s · 1920×1080/).waitFor();
      const progressSeen = await recordProgress(starPage);
      const unthrottle = await throttleUpload(starPage, 3 * 1024 * 1024);
      await starPage.getByRole('button', { name: 'Subir video' }).click();
      await starPage.getByRole('button', { name: 'Cancelar subida' }).waitFor();
      await mkdir(screenshotDir, { recursive: true });
      await starPage.screenshot({ path: path.join(screenshotDir, 'upload-progress-desktop.png'), fullPage: true });
      await starPage.getByText('Video subido correctamente. Procesamiento en curso.').waitFor({ timeout: 120_000 });
      await unthrottle();
      const values = await progressSeen();
      assert.ok(
        values.some((value) => value > 0 && value < 100),
        `intermediate progress expected, saw ${values.join(', ')}`,
      );
      assert.equal(values.at(-1), 100);
      assert.equal(await starPage.locator('#upload-progress').evaluate((bar: HTMLProgressElement) => bar.value), 100);
      await screenshotBoth(browser, stack.baseUrl, 'upload', '/subir', await star.storageState());
    });

    await t.test('"Mis videos" follows the video to published without a reload', async () => {
      await starPage.getByRole('link', { name: 'Ver mis videos' }).click();
      await starPage.getByRole('heading', { level: 1, name: 'Mis videos' }).waitFor();
      await starPage.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
      const item = starPage.getByRole('listitem', { name: title });
      await item.getByText(/Subido, en cola|Procesando/).waitFor();
      await item.getByText('Publicado', { exact: true }).waitFor({ timeout: 240_000 });
      assert.equal(await starPage.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true);
      assert.equal(
        await item.getByRole('button', { name: /Eliminar/ }).count(),
        0,
        'a published video cannot be deleted',
      );
    });

    await t.test('a reload keeps the player signed in', async () => {
      await starPage.reload();
      await starPage.getByRole('heading', { level: 1, name: 'Mis videos' }).waitFor();
      await starPage.getByRole('button', { name: /Salir/ }).waitFor();
    });

    const fanPage = await fan.newPage();
    let staleFanPage: Page;

    await t.test('the second player signs up and finds the video in the gallery, with its poster', async () => {
      await signUp(fanPage, fanAccount, 'Cali');
      await fanPage.getByRole('link', { name: 'Videos', exact: true }).click();
      const card = fanPage.getByRole('listitem', { name: title });
      await card.getByText('0 votos').waitFor();
      await card.getByText(`${starAccount.first} ${starAccount.last}`).waitFor();
      const poster = card.locator('img');
      assert.equal(await poster.getAttribute('loading'), 'lazy');
      await poster.evaluate((image: HTMLImageElement) => image.decode());
      assert.ok(await poster.evaluate((image: HTMLImageElement) => image.naturalWidth > 0), 'the poster loads');
      staleFanPage = await fan.newPage();
      await staleFanPage.goto('/');
      await staleFanPage.getByRole('listitem', { name: title }).getByText('0 votos').waitFor();
    });

    await t.test('the video plays inline and seeks', async () => {
      const card = fanPage.getByRole('listitem', { name: title });
      await card.getByRole('button', { name: `Reproducir «${title}»` }).click();
      const video = card.locator('video');
      const seekedTo = await video.evaluate(
        (element: HTMLVideoElement) =>
          new Promise<number>((resolve, reject) => {
            const seek = () => {
              element.addEventListener('seeked', () => resolve(element.currentTime), { once: true });
              element.currentTime = 10;
            };
            element.addEventListener('error', () => reject(new Error(`media error ${element.error?.code}`)), {
              once: true,
            });
            if (element.readyState >= 1) seek();
            else element.addEventListener('loadedmetadata', seek, { once: true });
          }),
      );
      assert.ok(Math.abs(seekedTo - 10) < 1, `seeked to ${seekedTo}`);
      await video.evaluate((element: HTMLVideoElement) => element.pause());
    });

    await t.test('the ranking of the city has nobody before the vote', async () => {
      await fanPage.goto(`/ranking?ciudad=${encodeURIComponent(city)}`);
      await fanPage.getByText('Todavía no hay jugadores con votos aquí.').waitFor();
    });

    await t.test('the vote counts at once and the button turns into "Ya votaste"', async () => {
      await fanPage.goto('/?orden=votos');
      const card = fanPage.getByRole('listitem', { name: title });
      await card.getByRole('button', { name: /^Votar/ }).click();
      await card.getByText('1 voto', { exact: true }).waitFor();
      await card.getByText('Voto registrado exitosamente.').waitFor();
      await card.getByRole('button', { name: /Ya votaste/ }).waitFor();
      await screenshotBoth(browser, stack.baseUrl, 'gallery', '/', await fan.storageState());
    });

    await t.test('the ranking shows the player with the vote', async () => {
      await fanPage.goto(`/ranking?ciudad=${encodeURIComponent(city)}`);
      const row = fanPage.getByRole('row', { name: new RegExp(`${starAccount.first} ${starAccount.last}`) });
      await row.waitFor();
      assert.equal(await row.locator('td.position').textContent(), '1');
      assert.equal(await row.locator('td.numeric').textContent(), '1 voto');
      await screenshotBoth(browser, stack.baseUrl, 'ranking', `/ranking?ciudad=${encodeURIComponent(city)}`);
    });

    await t.test('a second vote from a stale tab is refused and the count rolls back', async () => {
      const card = staleFanPage.getByRole('listitem', { name: title });
      await card.getByRole('button', { name: /^Votar/ }).click();
      await card.getByText('Ya has votado por este video.').waitFor();
      await card.getByText('0 votos').waitFor();
      await card.getByRole('button', { name: /Ya votaste/ }).waitFor();
    });

    await t.test('a player is offered no vote for their own video', async () => {
      await starPage.goto('/');
      const card = starPage.getByRole('listitem', { name: title });
      await card.getByText('Tu video', { exact: true }).waitFor();
      await card.getByText('1 voto', { exact: true }).waitFor();
      assert.equal(await card.getByRole('button', { name: /Votar/ }).count(), 0);
      await screenshotBoth(browser, stack.baseUrl, 'my-videos', '/mis-videos', await star.storageState());
    });

    await t.test('an expired session sends the player back to sign in with a message', async () => {
      await starPage.evaluate(() => {
        const session = JSON.parse(localStorage.getItem('anb.session') ?? '{}');
        localStorage.setItem('anb.session', JSON.stringify({ ...session, token: 'expired.token.value' }));
      });
      await starPage.goto('/mis-videos');
      await starPage.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
      await starPage.getByText('Tu sesión expiró. Ingresa de nuevo para continuar.').waitFor();
      assert.equal(new URL(starPage.url()).searchParams.get('volver'), '/mis-videos');
      await starPage.getByLabel('Correo electrónico').fill(starAccount.email);
      await starPage.getByLabel('Contraseña').fill(password);
      await starPage.getByLabel('Contraseña').press('Enter');
      await starPage.getByRole('heading', { level: 1, name: 'Mis videos' }).waitFor();
    });

    await t.test('screenshots of the sign-in and sign-up pages', async () => {
      await screenshotBoth(browser, stack.baseUrl, 'sign-in', '/ingresar');
      await screenshotBoth(browser, stack.baseUrl, 'sign-up', '/registro');
    });

    await t.test('no page logged an error (CSP violations included)', () => {
      assert.deepEqual(pageErrors, []);
    });
  },
);
