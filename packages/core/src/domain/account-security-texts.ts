/**
 * What a player reads about their account's safety: confirming the e-mail, resetting or changing the
 * password, signing out, and why a vote was refused. The API answers with these and the web app shows
 * the same words, so a refusal reads alike whichever side catches it.
 */

/** The two kinds of single-use link an account receives by mail. */
export type AccountLinkPurpose = 'verify_email' | 'reset_password';

/** Why a link's token is refused. */
export type AccountLinkFault = 'invalid' | 'expired' | 'used';

/** The wire code of each refusal, by link kind and fault. */
export const accountLinkCodes = {
  verify_email: {
    invalid: 'VERIFICATION_TOKEN_INVALID',
    expired: 'VERIFICATION_TOKEN_EXPIRED',
    used: 'VERIFICATION_TOKEN_USED',
  },
  reset_password: {
    invalid: 'RESET_TOKEN_INVALID',
    expired: 'RESET_TOKEN_EXPIRED',
    used: 'RESET_TOKEN_USED',
  },
} as const satisfies Record<AccountLinkPurpose, Record<AccountLinkFault, string>>;

export type AccountLinkCode = (typeof accountLinkCodes)[AccountLinkPurpose][AccountLinkFault];

/** How long each link works, in seconds. */
export const accountLinkLifetimes: Record<AccountLinkPurpose, number> = {
  verify_email: 24 * 60 * 60,
  reset_password: 60 * 60,
};

/** The web app's pages the links open. */
export const accountLinkPages: Record<AccountLinkPurpose, string> = {
  verify_email: '/verificar-correo',
  reset_password: '/restablecer-contrasena',
};

/**
 * Where a confirmation link may lead once used: a shared video's page, voting on arrival
 * (`?votar=1`). Nothing else, so a mailed link never sends anyone off the site.
 */
export const linkReturnPathPattern = /^\/v\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\?votar=1)?$/;

/** The query parameter of a mailed link that carries the return path (the web app's `volver`). */
export const linkReturnParameter = 'volver';

/** Why an account may not vote; null in `GET /api/auth/me` when it may. */
export type VoteRefusalCode = 'EMAIL_NOT_VERIFIED' | 'DISPOSABLE_EMAIL';

export const accountSecurityTexts = {
  emailVerified: 'Tu correo quedó confirmado. Ya puedes votar.',
  linkRefused: {
    verify_email: {
      invalid: 'El enlace de confirmación no es válido. Pide uno nuevo desde el aviso «Confirma tu correo».',
      expired: 'El enlace de confirmación expiró (dura 24 horas). Pide uno nuevo desde el aviso «Confirma tu correo».',
      used: 'Este enlace de confirmación ya se usó. Si tu correo no aparece confirmado, pide uno nuevo.',
    },
    reset_password: {
      invalid: 'El enlace para restablecer la contraseña no es válido. Pide uno nuevo en «¿Olvidaste tu contraseña?».',
      expired:
        'El enlace para restablecer la contraseña expiró (dura 1 hora). Pide uno nuevo en «¿Olvidaste tu contraseña?».',
      used: 'Este enlace para restablecer la contraseña ya se usó. Si lo necesitas, pide uno nuevo.',
    },
  } satisfies Record<AccountLinkPurpose, Record<AccountLinkFault, string>>,
  verificationSent: (email: string) => `Te enviamos un nuevo enlace de confirmación a ${email}.`,
  alreadyVerified: 'Tu correo ya está confirmado.',
  resetRequested:
    'Si hay una cuenta con ese correo, te enviamos un enlace para restablecer la contraseña. Revisa tu bandeja de entrada.',
  passwordReset: 'Tu contraseña fue cambiada. Ingresa con la nueva contraseña.',
  passwordChanged: 'Tu contraseña fue cambiada. Cerramos tus otras sesiones.',
  wrongCurrentPassword: 'La contraseña actual no es correcta.',
  newPasswordsDiffer: 'Las contraseñas no coinciden.',
  missingCurrentPassword: 'Escribe tu contraseña actual.',
  missingToken: 'Falta el código del enlace.',
  voteRefused: {
    EMAIL_NOT_VERIFIED:
      'Confirma tu correo para votar: abre el enlace que te enviamos o pide uno nuevo desde el aviso «Confirma tu correo».',
    DISPOSABLE_EMAIL:
      'Las cuentas con correos temporales o desechables no pueden votar. Regístrate con tu correo personal para votar.',
  } satisfies Record<VoteRefusalCode, string>,
};
