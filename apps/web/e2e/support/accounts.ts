import type { Page } from 'playwright-core';

export interface Account {
  first: string;
  last: string;
  email: string;
}

export const password = 'ClaveSegura123';

export async function submitSignUp(page: Page, account: Account, city: string) {
  await page.goto('/registro');
  await fillSignUpForm(page, account, city);
}

/** Fills the sign-up form on the page already open and sends it. */
export async function fillSignUpForm(page: Page, account: Account, city: string) {
  await page.getByLabel('Nombre', { exact: true }).fill(account.first);
  await page.getByLabel('Apellido').fill(account.last);
  await page.getByLabel('Correo electrónico').fill(account.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByLabel('Repite la contraseña').fill(password);
  await page.getByLabel('Ciudad').fill(city);
  await page.getByLabel('País').fill('Colombia');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
}

/** Signs up and waits for the upload page, where a new player lands signed in. */
export async function signUp(page: Page, account: Account, city: string) {
  await submitSignUp(page, account, city);
  await page.getByRole('heading', { level: 1, name: 'Subir video' }).waitFor();
  await page.getByText('Usuario creado exitosamente.').waitFor();
}
