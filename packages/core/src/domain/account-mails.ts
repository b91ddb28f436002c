import type { MailMessage } from '../ports/mailer.ts';
import { accountLinkLifetimes, type AccountLinkPurpose } from './account-security-texts.ts';

export interface AccountMailInput {
  to: string;
  firstName: string;
  link: string;
}

/** The mail carrying a single-use link, in Spanish, as plain text and HTML with the same words. */
export function accountLinkMail(purpose: AccountLinkPurpose, input: AccountMailInput): MailMessage {
  const words = purpose === 'verify_email' ? verificationWords : resetWords;
  const { subject, intro, action, outro } = words(accountLinkLifetimes[purpose]);
  const greeting = `Hola, ${input.firstName}:`;
  const text = [greeting, '', intro, '', input.link, '', outro, '', 'ANB Rising Stars Showcase'].join('\n');
  const html = [
    '<!doctype html><html lang="es"><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(action)}</a></p>`,
    `<p style="font-size: 0.9em">Si el botón no funciona, copia este enlace: ${escapeHtml(input.link)}</p>`,
    `<p>${escapeHtml(outro)}</p>`,
    '<p>ANB Rising Stars Showcase</p>',
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject, text, html };
}

function verificationWords(lifetimeSeconds: number) {
  return {
    subject: 'Confirma tu correo en ANB Rising Stars',
    intro: `Confirma tu correo para poder votar en ANB Rising Stars. Abre este enlace (vale ${hours(lifetimeSeconds)} y un solo uso):`,
    action: 'Confirmar mi correo',
    outro: 'Si no creaste una cuenta, ignora este mensaje.',
  };
}

function resetWords(lifetimeSeconds: number) {
  return {
    subject: 'Restablece tu contraseña de ANB Rising Stars',
    intro: `Pediste restablecer tu contraseña. Abre este enlace para elegir una nueva (vale ${hours(lifetimeSeconds)} y un solo uso):`,
    action: 'Elegir una contraseña nueva',
    outro: 'Si no lo pediste, ignora este mensaje: tu contraseña sigue igual.',
  };
}

function hours(seconds: number): string {
  const count = Math.round(seconds / 3600);
  return count === 1 ? '1 hora' : `${count} horas`;
}

function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
