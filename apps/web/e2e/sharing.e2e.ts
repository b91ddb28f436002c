import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { savedMailLink } from '@anb/testing/saved-mail';
import { fillSignUpForm, password } from './support/accounts.ts';
import { collectPageErrors, launchChromium, phone } from './support/browser.ts';
import { publishVideoOfANewPlayer } from './support/published-video.ts';
import { screenshotBoth } from './support/screens.ts';
import { startStack, type Stack } from './support/stack.ts';
import { smallTargetsOn } from './support/touch-targets.ts';

// A player shares one link; a friend opens it on a phone, signs up and votes in one go. Votes need a confirmed
// e-mail here (the default), so the journey goes through the mailed link, read from the mail the stack wrote.
let stack: Stack;
let browser: Browser;
const pageErrors: string[] = [];
const run = Date.now().toString(36);
const city = `Pereira ${run}`;
const title = `Bandeja de zurda ${run}`;
const star = { first: 'Valentina', last: 'Mejía', email: `valentina.${run}@example.com`, city };
const friend = { first: 'Camilo', last: 'Rojas', email: `camilo.${run}@example.com` };
let videoId = '';
let videoPath = '';
let pageUrl = '';
let starSession: Awaited<ReturnType<BrowserContext['storageState']>>;

before(async () => {
  // One after the other: a browser that fails to start must still leave `stack` set for after() to stop.
  stack = await startStack({ VOTE_REQUIRES_VERIFIED_EMAIL: 'true' });
  browser = await launchChromium();
  videoId = await publishVideoOfANewPlayer(stack, star, title);
  videoPath = `/v/${videoId}`;
  const answer = await fetch(`${stack.baseUrl}/api/public/videos/${videoId}`);
  pageUrl = ((await answer.json()) as { page_url: string }).page_url;
  assert.equal(new URL(pageUrl).pathname, videoPath);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPhonePage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...phone, baseURL: stack.baseUrl, locale: 'es-CO', ...options });
  pageErrors.push(...collectPageErrors(context));
  return context.newPage();
}

const address = (page: Page) => new URL(page.url());
const voteButton = (page: Page) =>
  page.getByRole('button', { name: new RegExp(`^(Votar|Ya votaste) por «${title}»$`) });

test(
  'a friend opens the shared link signed out, presses Votar, signs up, confirms the e-mail and lands back with the vote counted',
  { timeout: 300_000 },
  async () => {
    const page = await newPhonePage();
    await page.goto(videoPath);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText(`${star.first} ${star.last}`).waitFor();
    await page.getByText('0 votos', { exact: true }).waitFor();
    await page.getByRole('button', { name: `Votar por «${title}»` }).click();

    await page.getByRole('heading', { level: 1, name: 'Crear cuenta' }).waitFor();
    const returnPath = `${videoPath}?votar=1`;
    assert.equal(address(page).searchParams.get('volver'), returnPath);
    const signInInstead = await page.getByRole('link', { name: 'Ingresa', exact: true }).getAttribute('href');
    assert.equal(new URL(signInInstead ?? '', stack.baseUrl).searchParams.get('volver'), returnPath);
    // Nothing is lost on a reload of the sign-up page either: the way back is in the address.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Crear cuenta' }).waitFor();

    const signupSent = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/auth/signup');
    await fillSignUpForm(page, friend, 'Manizales');
    assert.equal(((await signupSent).postDataJSON() as { return_to?: string }).return_to, returnPath);

    // Back on the video, signed in: the vote waits for the e-mail, and the address keeps asking for it.
    const waiting = page.getByText('Tu voto se contará cuando confirmes tu correo.');
    await waiting.waitFor();
    await page.getByText(`Abre el enlace que te enviamos a ${friend.email}`).waitFor();
    assert.equal(address(page).pathname + address(page).search, returnPath);
    await page.getByText('0 votos', { exact: true }).waitFor();

    await page.reload();
    await waiting.waitFor();
    assert.equal(address(page).pathname + address(page).search, returnPath);
    assert.equal(await voteButton(page).textContent(), 'Votar');

    const resendSent = page.waitForRequest(
      (request) => new URL(request.url()).pathname === '/api/auth/resend-verification',
    );
    await page.getByRole('button', { name: 'Reenviar enlace' }).click();
    assert.deepEqual((await resendSent).postDataJSON(), { return_to: returnPath });

    const link = await savedMailLink(stack.workDir, friend.email, '/verificar-correo');
    assert.equal(link.url.searchParams.get('volver'), returnPath);
    await page.goto(link.path);
    await page.waitForURL((url) => url.pathname === videoPath && url.search === '');
    await page.getByRole('button', { name: `Ya votaste por «${title}»` }).waitFor();
    await page.getByText('1 voto', { exact: true }).waitFor();

    // The vote is on the server, counted once: a reload shows it from the API, and votes no more.
    await page.reload();
    await page.getByRole('button', { name: `Ya votaste por «${title}»` }).waitFor();
    await page.getByText('1 voto', { exact: true }).waitFor();
    const published = await fetch(`${stack.baseUrl}/api/public/videos/${videoId}`);
    assert.equal(((await published.json()) as { votes: number }).votes, 1);
  },
);

test('sharing copies the page address where the phone has no share sheet, and hands it to the one it has', async () => {
  const page = await newPhonePage({ permissions: ['clipboard-read', 'clipboard-write'] });
  await page.addInitScript(() => delete (Navigator.prototype as { share?: unknown }).share);
  await page.goto(videoPath);
  await page.getByRole('button', { name: 'Copiar enlace' }).click();
  await page.getByText('Enlace copiado').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), pageUrl);

  const whatsApp = new URL(
    (await page.getByRole('link', { name: 'Compartir en WhatsApp' }).getAttribute('href')) ?? '',
  );
  assert.equal(whatsApp.origin + whatsApp.pathname, 'https://wa.me/');
  assert.ok(whatsApp.searchParams.get('text')?.endsWith(pageUrl), whatsApp.href);
  const x = new URL((await page.getByRole('link', { name: 'Compartir en X' }).getAttribute('href')) ?? '');
  assert.equal(x.origin + x.pathname, 'https://x.com/intent/post');
  assert.equal(x.searchParams.get('url'), pageUrl);

  const withShareSheet = await newPhonePage();
  await withShareSheet.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: async (data: ShareData) => void ((window as unknown as { sharedWith: ShareData }).sharedWith = data),
    });
  });
  await withShareSheet.goto(videoPath);
  await withShareSheet.getByRole('button', { name: 'Compartir', exact: true }).click();
  const shared = await withShareSheet.waitForFunction(
    () => (window as unknown as { sharedWith?: ShareData }).sharedWith,
  );
  const data = (await shared.jsonValue()) as ShareData;
  assert.equal(data.url, pageUrl);
  assert.equal(data.title, title);
});

test('the player\'s own video shows "Tu video", never Votar, on its page and its card; Mis videos shows its standing', async () => {
  const page = await newPhonePage();
  await page.goto('/ingresar');
  await page.getByLabel('Correo electrónico').fill(star.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mis videos' }).waitFor();
  starSession = await page.context().storageState();

  const item = page.getByRole('listitem', { name: title });
  await item.getByText(`1 voto · Puesto 1 en ${city}`).waitFor();
  await item.getByRole('group', { name: `Compartir «${title}»` }).waitFor();
  assert.equal(await item.getByRole('link', { name: /Ver la página del video/ }).getAttribute('href'), videoPath);

  await page.goto(videoPath);
  await page.getByText('Tu video', { exact: true }).waitFor();
  await page.getByText(`Puesto 1 en ${city}`).waitFor();
  assert.equal(await voteButton(page).count(), 0);

  await page.goto(`/?ciudad=${encodeURIComponent(city)}`);
  const card = page.getByRole('listitem', { name: title });
  await card.getByText('Tu video', { exact: true }).waitFor();
  assert.equal(await card.getByRole('button', { name: /Votar/ }).count(), 0);
});

test('a ranking row and a gallery card link to the video page; the gallery asks a visitor to sign up for that video', async () => {
  const page = await newPhonePage();
  await page.goto(`/ranking?ciudad=${encodeURIComponent(city)}`);
  const row = page.getByRole('row', { name: new RegExp(`${star.first} ${star.last}`) });
  const rowLink = row.getByRole('link', { name: `${star.first} ${star.last}` });
  assert.equal(await rowLink.getAttribute('href'), videoPath);
  await rowLink.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.equal(address(page).pathname, videoPath);

  await page.goto(`/?ciudad=${encodeURIComponent(city)}`);
  const card = page.getByRole('listitem', { name: title });
  assert.equal(await card.getByRole('link', { name: title }).getAttribute('href'), videoPath);
  await card.getByRole('button', { name: `Votar por «${title}»` }).click();
  await page.getByRole('heading', { level: 1, name: 'Crear cuenta' }).waitFor();
  assert.equal(address(page).searchParams.get('volver'), `${videoPath}?votar=1`);

  await page.goto(`/?ciudad=${encodeURIComponent(city)}`);
  await page.getByRole('listitem', { name: title }).getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.equal(address(page).pathname, videoPath);
  await screenshotBoth(browser, stack.baseUrl, 'video-page', videoPath);
});

test('a video that is not published has a clear page with the way to the gallery', async () => {
  const page = await newPhonePage();
  await page.goto('/v/00000000-0000-7000-8000-000000000000');
  await page.getByRole('heading', { level: 1, name: 'Video no encontrado' }).waitFor();
  await page.getByRole('link', { name: 'Ver los videos del concurso' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('heading', { level: 2, name: 'Todos los videos' }).waitFor();
});

test('every control on the main pages is at least 44×44 px on a phone', async () => {
  const signedOut = ['/', `/ranking?ciudad=${encodeURIComponent(city)}`, videoPath, '/registro', '/ingresar'];
  const signedOutVoter = [`/registro?volver=${encodeURIComponent(`${videoPath}?votar=1`)}`, '/olvide-contrasena'];
  const signedIn = ['/', videoPath, '/mis-videos', '/subir', '/cuenta'];
  const found: string[] = [];
  const visitor = await newPhonePage();
  for (const path of [...signedOut, ...signedOutVoter]) found.push(...(await smallTargetsOn(visitor, path)));
  const player = await newPhonePage({ storageState: starSession });
  for (const path of signedIn) found.push(...(await smallTargetsOn(player, path)));
  assert.deepEqual(found, [], `controls under 44×44 px:\n${found.join('\n')}`);
});

test('no page logged an error (CSP violations included)', () => {
  assert.deepEqual(pageErrors, []);
});
