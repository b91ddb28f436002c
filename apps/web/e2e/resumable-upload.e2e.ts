import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp } from './support/accounts.ts';
import { collectPageErrors, desktop, launchChromium } from './support/browser.ts';
import { startCuttableLink, type CuttableLink } from './support/cuttable-link.ts';
import { throttleUpload } from './support/network.ts';
import { makeSampleVideo } from './support/sample-video.ts';
import { startStack, type Stack } from './support/stack.ts';
import { progressReaches, watchTusTraffic } from './support/tus-traffic.ts';

// Resumable uploads in a real browser against the real stack: a cut connection, a reload, a cancel, a refusal.
let stack: Stack;
let link: CuttableLink;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let samplePath: string;
let sampleBytes: number;
const pageErrors: string[] = [];
const run = Date.now().toString(36);
const accepted = 'Video subido correctamente. Procesamiento en curso.';
// Slow enough that the cut lands mid-file, fast enough to finish in seconds.
const uploadBytesPerSecond = 2 * 1024 * 1024;

before(async () => {
  // The browser reaches the stack through a link the test can cut; the API names itself by the link's address.
  link = await startCuttableLink();
  stack = await startStack({ PUBLIC_BASE_URL: link.baseUrl });
  link.connectTo(Number(new URL(stack.baseUrl).port));
  [browser, samplePath] = await Promise.all([launchChromium(), makeSampleVideo(stack.workDir)]);
  sampleBytes = (await stat(samplePath)).size;
  context = await browser.newContext({ ...desktop, baseURL: link.baseUrl, locale: 'es-CO' });
  pageErrors.push(...collectPageErrors(context));
  page = await context.newPage();
  await signUp(page, { first: 'Sofía', last: 'Ríos', email: `sofia.${run}@example.com` }, 'Medellín');
});

after(async () => {
  await browser?.close();
  await link?.close();
  await stack?.stop();
});

async function chooseVideo(title: string) {
  await page.getByLabel('Título del video').fill(title);
  await page.getByLabel('Video (MP4)').setInputFiles(samplePath);
  await page.getByText(/21 s · 1920×1080/).waitFor();
}

test('resumable uploads in the browser', { timeout: 600_000 }, async (t) => {
  await t.test('a connection cut at about 50 % is retried by itself and goes on from the server offset', async () => {
    const title = `Volcada con corte ${run}`;
    await chooseVideo(title);
    const traffic = watchTusTraffic(page);
    const unthrottle = await throttleUpload(page, uploadBytesPerSecond);
    await page.getByRole('button', { name: 'Subir video' }).click();
    await progressReaches(page, 50);

    link.cut();
    await page.getByText('Se perdió la conexión. Reintentando automáticamente…').waitFor();
    link.restore();
    await page.getByText(accepted).waitFor({ timeout: 120_000 });
    await unthrottle();

    assert.deepEqual(
      traffic.filter((exchange) => exchange.method === 'POST').map((exchange) => exchange.status),
      [201],
      'one upload created, never a second one',
    );
    // Before the cut there is a POST and one PATCH; the first HEAD is the client asking where to go on.
    const head = traffic.find((exchange) => exchange.method === 'HEAD');
    assert.ok(head, `a HEAD asks the server for its offset after the cut: ${JSON.stringify(traffic)}`);
    assert.equal(head.status, 200);
    const serverOffset = head.serverOffset ?? 0;
    assert.ok(
      serverOffset > 0 && serverOffset < sampleBytes,
      `the server kept part of the file: ${serverOffset} of ${sampleBytes}`,
    );
    const patches = traffic.slice(traffic.indexOf(head)).filter((exchange) => exchange.method === 'PATCH');
    assert.equal(patches[0]?.sentOffset, serverOffset, 'the next PATCH starts at the server offset, not at zero');
    const last = patches.at(-1);
    assert.equal(last?.status, 204);
    assert.equal(last?.serverOffset, sampleBytes);
    assert.match(last?.videoId ?? '', /^[0-9a-f-]{36}$/, 'the final PATCH names the new video');

    await page.getByRole('link', { name: 'Ver mis videos' }).click();
    await page.getByRole('listitem', { name: title }).waitFor();
  });

  await t.test('after a reload, the same file with the same title goes on from where it stopped', async () => {
    const title = `Triple tras recargar ${run}`;
    await page.goto('/subir');
    await chooseVideo(title);
    const unthrottle = await throttleUpload(page, uploadBytesPerSecond);
    await page.getByRole('button', { name: 'Subir video' }).click();
    await progressReaches(page, 30);
    await page.reload();
    await unthrottle();

    await page.getByRole('heading', { level: 1, name: 'Subir video' }).waitFor();
    const traffic = watchTusTraffic(page);
    await chooseVideo(title);
    await page.getByRole('button', { name: 'Subir video' }).click();
    await page.getByText(/Retomando la subida anterior/).waitFor();
    await page.getByText(accepted).waitFor({ timeout: 120_000 });

    assert.equal(traffic[0]?.method, 'HEAD', `the reloaded page asks for the offset first: ${JSON.stringify(traffic)}`);
    assert.ok((traffic[0]?.serverOffset ?? 0) > 0, 'the server still held the first part');
    assert.equal(traffic.filter((exchange) => exchange.method === 'POST').length, 0, 'no new upload was created');
    assert.equal(traffic.find((exchange) => exchange.method === 'PATCH')?.sentOffset, traffic[0]?.serverOffset);
  });

  await t.test('cancel deletes the partial upload on the server', async () => {
    await page.getByRole('button', { name: 'Subir otro video' }).click();
    await chooseVideo(`Cancelada ${run}`);
    const traffic = watchTusTraffic(page);
    const unthrottle = await throttleUpload(page, uploadBytesPerSecond);
    await page.getByRole('button', { name: 'Subir video' }).click();
    await progressReaches(page, 10);
    const termination = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await page.getByRole('button', { name: 'Cancelar subida' }).click();
    await page.getByText('Subida cancelada. El video no se envió.').waitFor();
    const removed = await termination;
    await unthrottle();

    assert.equal(removed.status(), 204);
    const uploadUrl = removed.url();
    assert.ok(uploadUrl.startsWith(`${link.baseUrl}/api/uploads/`), uploadUrl);
    assert.equal(traffic.filter((exchange) => exchange.method === 'POST').length, 1);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('anb.session') ?? '{}').token as string);
    const afterwards = await page.request.head(uploadUrl, {
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' },
    });
    assert.ok([404, 410].includes(afterwards.status()), `the upload is gone: ${afterwards.status()}`);
  });

  await t.test("a file the server refuses on its last byte shows the API's Spanish detail", async () => {
    const broken = path.join(stack.workDir, 'jugada-rota.mp4');
    await writeFile(broken, randomBytes(256 * 1024));
    await page.getByLabel('Título del video').fill(`Rota ${run}`);
    await page.getByLabel('Video (MP4)').setInputFiles(broken);
    const completion = page.waitForResponse((response) => response.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Subir video' }).click();
    const refusal = await completion;

    assert.equal(refusal.status(), 400);
    const { detail } = (await refusal.json()) as { detail: string };
    assert.match(detail, /^Error en el archivo/);
    await page.locator('#upload-file-error').getByText(detail).waitFor();
    assert.equal(await page.getByLabel('Video (MP4)').getAttribute('aria-invalid'), 'true');
  });

  await t.test('no console errors beyond the requests the cut connection failed', () => {
    const unexpected = pageErrors.filter((error) => !/ERR_INTERNET_DISCONNECTED|ERR_ABORTED/.test(error));
    assert.deepEqual(unexpected, []);
  });
});
