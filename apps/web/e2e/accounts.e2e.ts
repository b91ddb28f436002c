import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { savedMailLink } from '@anb/testing/saved-mail';
import { password, signUp } from './support/accounts.ts';
import { collectPageErrors, desktop, launchChromium } from './support/browser.ts';
import { startStack, type Stack } from './support/stack.ts';

// The account pages against the real API with votes that need a confirmed e-mail, reading the links from the
// mail the stack wrote (no SMTP_URL: one .eml per message under <DATA_DIR>/mail/).
let stack: Stack;
let browser: Browser;
const pageErrors: string[] = [];
const run = Date.now().toString(36);

before(async () => {
  [stack, browser] = await Promise.all([startStack({ VOTE_REQUIRES_VERIFIED_EMAIL: 'true' }), launchChromium()]);
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ ...desktop, baseURL: stack.baseUrl, locale: 'es-CO' });
  pageErrors.push(...collectPageErrors(context));
  return context.newPage();
}

const banner = (page: Page) => page.getByRole('complementary', { name: 'Aviso sobre tu cuenta' });

/** Waits for the page's next `GET /api/auth/me` while `action` runs, so what the banner shows is settled. */
async function withAccountAnswer(page: Page, action: () => Promise<void>) {
  const answered = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/auth/me' && response.request().method() === 'GET',
  );
  await action();
  return (await answered).json() as Promise<{ email_verified: boolean; vote_refusal: string | null }>;
}

async function signIn(page: Page, email: string, secret: string) {
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

test('a new player signs in, is asked to confirm the e-mail, opens the mailed link and may vote', async () => {
  const email = `sofia.${run}@example.com`;
  const signup = await fetch(`${stack.baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...{ first_name: 'Sofía', last_name: 'Ríos', email, password1: password, password2: password },
      ...{ city: 'Medellín', country: 'Colombia' },
    }),
  });
  assert.equal(signup.status, 201, await signup.text());

  const page = await newPage();
  await page.goto('/ingresar');
  const account = await withAccountAnswer(page, () => signIn(page, email, password));
  assert.equal(account.vote_refusal, 'EMAIL_NOT_VERIFIED');
  await page.getByRole('heading', { level: 1, name: 'Mis videos' }).waitFor();
  await banner(page).getByText('Confirma tu correo.').waitFor();
  await banner(page).getByText(`abre el enlace que te enviamos a ${email}`).waitFor();

  const link = await savedMailLink(stack.workDir, email, '/verificar-correo');
  await page.goto(link.path);
  await page.getByRole('heading', { level: 1, name: 'Confirmar tu correo' }).waitFor();
  await page.getByText('Tu correo quedó confirmado. Ya puedes votar.').waitFor();
  // The banner goes without a reload or a change of focus.
  await banner(page).waitFor({ state: 'detached' });

  // Still gone after a reload, and the link works only once.
  const reloaded = await withAccountAnswer(page, () => page.reload().then(() => undefined));
  assert.deepEqual([reloaded.email_verified, reloaded.vote_refusal], [true, null]);
  await page.getByText('Este enlace de confirmación ya se usó.', { exact: false }).waitFor();
  assert.equal(await banner(page).count(), 0);
  assert.deepEqual(pageErrors, []);
});

test('a player who forgot the password gets a link from the sign-in page and signs in with the new one', async () => {
  const email = `mateo.${run}@example.com`;
  const newPassword = 'OtraClaveSegura456';
  const page = await newPage();
  await signUp(page, { first: 'Mateo', last: 'Lozano', email }, 'Cali');
  await page.getByRole('button', { name: /Salir/ }).click();
  await page.getByRole('button', { name: /Salir/ }).waitFor({ state: 'detached' });

  await page.goto('/ingresar');
  await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
  await page.getByRole('heading', { level: 1, name: '¿Olvidaste tu contraseña?' }).waitFor();
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Enviar enlace' }).click();
  await page.getByText('Si hay una cuenta con ese correo, te enviamos un enlace').waitFor();

  const link = await savedMailLink(stack.workDir, email, '/restablecer-contrasena');
  await page.goto(link.path);
  await page.getByRole('heading', { level: 1, name: 'Crea una contraseña nueva' }).waitFor();
  await page.getByLabel('Nueva contraseña', { exact: true }).fill(newPassword);
  await page.getByLabel('Repite la nueva contraseña').fill(newPassword);
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ingresar' }).waitFor();
  await page.getByText('Tu contraseña fue cambiada. Ingresa con la nueva contraseña.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/ingresar');

  await signIn(page, email, password);
  await page.getByText('Credenciales inválidas.').waitFor();
  // Opening the reset link proved the mailbox too: no banner after signing in.
  const account = await withAccountAnswer(page, () => signIn(page, email, newPassword));
  assert.deepEqual([account.email_verified, account.vote_refusal], [true, null]);
  await page.getByRole('heading', { level: 1, name: 'Mis videos' }).waitFor();
  assert.equal(await banner(page).count(), 0);
  assert.deepEqual(pageErrors, []);
});
