/**
 * The accounts part of the Postman collection: confirming the e-mail before voting, resetting a forgotten
 * password, and signing out, with the links read from the mail the server sent. Newman cannot open an
 * inbox, so `npm run e2e` serves one (`mailbox_url`, see `e2e-mailbox.ts`) and the pre-request scripts
 * ask it for the newest link. Without `mailbox_url` (a deployment run by hand) these requests are skipped.
 */
import { problem, q, type Folder, type RequestSpec } from './postman-builder.ts';

/** The wire texts of the account routes, as the contract collection pins the organiser's. */
const texts = {
  signupCreated: 'Usuario creado exitosamente.',
  emailTaken: 'Error de validación (email duplicado, contraseñas no coinciden): el email ya está registrado.',
  emailVerified: 'Tu correo quedó confirmado. Ya puedes votar.',
  verificationUsed: 'Este enlace de confirmación ya se usó. Si tu correo no aparece confirmado, pide uno nuevo.',
  emailNotVerified:
    'Confirma tu correo para votar: abre el enlace que te enviamos o pide uno nuevo desde el aviso «Confirma tu correo».',
  voteCounted: 'Voto registrado exitosamente.',
  resetRequested:
    'Si hay una cuenta con ese correo, te enviamos un enlace para restablecer la contraseña. Revisa tu bandeja de entrada.',
  passwordReset: 'Tu contraseña fue cambiada. Ingresa con la nueva contraseña.',
  invalidCredentials: 'Credenciales inválidas.',
  invalidToken: 'El usuario no está autenticado o el token JWT es inválido o expirado.',
} as const;

const pages = { verify: '/verificar-correo', reset: '/restablecer-contrasena' } as const;

/**
 * Sets `tokenVariable` to the token of the newest link to `page` mailed to the address in `emailVariable`
 * ('sin-enlace' when the mailbox has none, so the request's own test says what failed).
 */
const readMailedToken = (emailVariable: string, page: string, tokenVariable: string) => String.raw`
pm.sendRequest(pm.variables.get('mailbox_url') + '/links?to=' + encodeURIComponent(pm.collectionVariables.get('${emailVariable}')) + '&page=' + encodeURIComponent('${page}'), (error, response) => {
  pm.collectionVariables.set('${tokenVariable}', !error && response.code === 200 ? response.json().token : 'sin-enlace');
});`;

/** Skips the request when no mailbox serves the run (a deployment run by hand in Postman). */
const needsMailbox = `if (!pm.variables.get('mailbox_url')) pm.execution.skipRequest();`;

/**
 * For the contract folders: confirms the e-mail of the account holding `{{token_<who>}}` when the server
 * asks for it before voting (VOTE_REQUIRES_VERIFIED_EMAIL=true), and is skipped when it does not, so the
 * organiser's flow (sign up, log in, vote) runs unchanged either way.
 */
export function confirmEmailWhenRequired(who: 'a' | 'b', playerName: string): RequestSpec {
  return {
    name: `Confirmar el correo de ${playerName} (si el servidor lo exige para votar)`,
    method: 'POST',
    path: '/auth/verify-email',
    json: { token: '{{verification_token}}' },
    prerequest: String.raw`
pm.sendRequest({ url: pm.variables.get('base_url') + '/auth/me', header: { Authorization: 'Bearer ' + pm.collectionVariables.get('token_${who}') } }, (error, response) => {
  const refusal = !error && response.code === 200 ? response.json().vote_refusal : null;
  const expected = pm.variables.get('vote_requires_verified_email');
  if (expected) pm.test('VOTE_REQUIRES_VERIFIED_EMAIL=' + expected + ' en el servidor', () => pm.expect(refusal === 'EMAIL_NOT_VERIFIED').to.eql(expected === 'true'));
  if (refusal !== 'EMAIL_NOT_VERIFIED') return pm.execution.skipRequest();
  if (!pm.variables.get('mailbox_url')) return pm.collectionVariables.set('verification_token', 'sin-buzon');
  ${readMailedToken(`email_${who}`, pages.verify, 'verification_token').trim()}
});`.trim(),
    description: [
      'Solo cuando `GET /auth/me` dice `vote_refusal: "EMAIL_NOT_VERIFIED"` (servidor con `VOTE_REQUIRES_VERIFIED_EMAIL=true`):',
      'lee el enlace del correo de registro en el buzón de la prueba (`mailbox_url`) y lo confirma. Con `false`, el flujo del organizador (registrarse, entrar, votar) sigue igual y este paso se omite.',
      'Si el entorno trae `vote_requires_verified_email` (`true`/`false`), comprueba que el servidor se comporta así.',
    ].join(' '),
    tests: String.raw`
if (pm.collectionVariables.get('verification_token') === 'sin-buzon')
  pm.test('el servidor exige correo confirmado para votar: corre con mailbox_url (npm run e2e) o con VOTE_REQUIRES_VERIFIED_EMAIL=false', () => pm.expect.fail());
expectStatus(200); expectJson();
pm.test('correo confirmado', () => pm.expect(body.message).to.eql(${q(texts.emailVerified)}));`.trim(),
    examples: [{ name: '200 confirmado', code: 200, body: { message: texts.emailVerified } }],
  };
}

const withMailbox = (spec: RequestSpec): RequestSpec => ({
  ...spec,
  prerequest: [needsMailbox, spec.prerequest].filter(Boolean).join('\n'),
});

const meTests = (verified: boolean) => String.raw`
expectStatus(200); expectJson();
pm.test('la cuenta de Carla (el correo en minúsculas)', () => {
  pm.expect(body.email).to.eql(pm.collectionVariables.get('email_c').toLowerCase());
  pm.expect(body.first_name).to.eql('Carla');
});
pm.test('email_verified ${verified}', () => pm.expect(body.email_verified).to.eql(${verified}));
${
  verified
    ? "pm.test('puede votar', () => pm.expect(body.vote_refusal).to.eql(null));"
    : "pm.test('vote_refusal null o EMAIL_NOT_VERIFIED', () => pm.expect([null, 'EMAIL_NOT_VERIFIED']).to.include(body.vote_refusal));\npm.collectionVariables.set('vote_refusal_c', body.vote_refusal);"
}`;

const meExample = (verified: boolean) => ({
  name: '200 cuenta',
  code: 200,
  body: {
    user_id: '01939a4e-7b3c-7d2e-9f10-2b3c4d5e6f71',
    first_name: 'Carla',
    last_name: 'Gómez',
    email: 'carla.gomez+concurso@example.com',
    city: 'Cúcuta',
    country: 'Colombia',
    email_verified: verified,
    vote_refusal: verified ? null : 'EMAIL_NOT_VERIFIED',
    role: 'player',
  },
});

const loginWith = (password: string) => ({ email: '{{email_c}}', password });

export const accountsFolder: Folder = {
  name: '6. Cuentas y correo',
  description: [
    'Una voz por persona: confirmar el correo antes de votar (si el servidor lo exige), un buzón una cuenta, restablecer la contraseña olvidada y cerrar sesión.',
    'Los enlaces llegan por correo; `npm run e2e` los lee del buzón de la prueba (`mailbox_url`). Sin `mailbox_url` esta carpeta se omite.',
    'Vota por el video publicado en las carpetas anteriores (`video_id`).',
  ].join(' '),
  items: (
    [
      {
        name: 'Registro de votante C',
        method: 'POST',
        path: '/auth/signup',
        json: {
          first_name: 'Carla',
          last_name: 'Gómez',
          email: '{{email_c}}',
          password1: '{{password}}',
          password2: '{{password}}',
          city: '{{city}}',
          country: 'Colombia',
        },
        prerequest: String.raw`
const runId = pm.collectionVariables.get('run_id');
pm.collectionVariables.set('email_c', 'Carla.' + runId + '+concurso@e2e.anb.test');
pm.collectionVariables.set('new_password', 'Otra-Clave-' + runId);`.trim(),
        description: 'El registro del organizador (201); el servidor envía un enlace de confirmación (válido 24 h).',
        tests: `expectStatus(201); expectJson();
pm.test('mensaje de registro', () => pm.expect(body.message).to.eql(${q(texts.signupCreated)}));`,
        examples: [{ name: '201 creado', code: 201, body: { message: texts.signupCreated, user_id: 'uuid' } }],
      },
      {
        name: 'Registro con el mismo buzón (400)',
        method: 'POST',
        path: '/auth/signup',
        json: {
          first_name: 'Carla',
          last_name: 'Gómez',
          email: 'CARLA.{{run_id}}+otra@E2E.ANB.TEST',
          password1: '{{password}}',
          password2: '{{password}}',
          city: '{{city}}',
          country: 'Colombia',
        },
        description:
          'Las direcciones se comparan normalizadas (sin mayúsculas ni `+etiqueta`; en gmail.com sin puntos): el mismo buzón no abre otra cuenta.',
        tests: `expectProblem(400, ${q(texts.emailTaken)}, 'EMAIL_TAKEN');`,
        examples: [{ name: '400 EMAIL_TAKEN', code: 400, body: problem(400, texts.emailTaken, 'EMAIL_TAKEN') }],
      },
      {
        name: 'Login votante C',
        method: 'POST',
        path: '/auth/login',
        json: loginWith('{{password}}'),
        description: 'Se puede entrar antes de confirmar el correo.',
        tests: `expectStatus(200); expectJson();
pm.collectionVariables.set('token_c', body && body.access_token);`,
        examples: [
          { name: '200 token', code: 200, body: { access_token: 'eyJ...', token_type: 'Bearer', expires_in: 3600 } },
        ],
      },
      {
        name: 'Mi cuenta, correo sin confirmar',
        method: 'GET',
        path: '/auth/me',
        auth: '{{token_c}}',
        description:
          '`email_verified` y `vote_refusal`: por qué la cuenta no puede votar (`EMAIL_NOT_VERIFIED`, `DISPOSABLE_EMAIL`) o `null`.',
        tests: meTests(false),
        examples: [meExample(false)],
      },
      {
        name: 'Votar sin confirmar el correo (403)',
        method: 'POST',
        path: '/public/videos/{{video_id}}/vote',
        auth: '{{token_c}}',
        prerequest: `if (pm.collectionVariables.get('vote_refusal_c') !== 'EMAIL_NOT_VERIFIED') pm.execution.skipRequest();`,
        description:
          'Con `VOTE_REQUIRES_VERIFIED_EMAIL=true` (por defecto): 403 `EMAIL_NOT_VERIFIED`, con lo que hay que hacer. Se omite si el servidor no lo exige.',
        tests: `expectProblem(403, ${q(texts.emailNotVerified)}, 'EMAIL_NOT_VERIFIED');`,
        examples: [
          {
            name: '403 EMAIL_NOT_VERIFIED',
            code: 403,
            body: problem(403, texts.emailNotVerified, 'EMAIL_NOT_VERIFIED'),
          },
        ],
      },
      {
        name: 'Confirmar el correo con el enlace recibido',
        method: 'POST',
        path: '/auth/verify-email',
        json: { token: '{{verification_token}}' },
        prerequest: readMailedToken('email_c', pages.verify, 'verification_token').trim(),
        description: `La página \`${pages.verify}?token=…\` del correo envía \`{token}\`: 200. El enlace sirve una vez.`,
        tests: `expectStatus(200); expectJson();
pm.test('correo confirmado', () => pm.expect(body.message).to.eql(${q(texts.emailVerified)}));`,
        examples: [{ name: '200 confirmado', code: 200, body: { message: texts.emailVerified } }],
      },
      {
        name: 'El mismo enlace otra vez (400)',
        method: 'POST',
        path: '/auth/verify-email',
        json: { token: '{{verification_token}}' },
        description: 'Un enlace usado: 400 `VERIFICATION_TOKEN_USED` (inválido: `…_INVALID`; vencido: `…_EXPIRED`).',
        tests: `expectProblem(400, ${q(texts.verificationUsed)}, 'VERIFICATION_TOKEN_USED');`,
        examples: [
          {
            name: '400 VERIFICATION_TOKEN_USED',
            code: 400,
            body: problem(400, texts.verificationUsed, 'VERIFICATION_TOKEN_USED'),
          },
        ],
      },
      {
        name: 'Mi cuenta, correo confirmado',
        method: 'GET',
        path: '/auth/me',
        auth: '{{token_c}}',
        description: 'Ya puede votar: `vote_refusal` es `null`.',
        tests: meTests(true),
        examples: [meExample(true)],
      },
      {
        name: 'Votar con el correo confirmado',
        method: 'POST',
        path: '/public/videos/{{video_id}}/vote',
        auth: '{{token_c}}',
        description: 'El voto cuenta.',
        tests: `expectStatus(200); expectJson();
pm.test('voto registrado', () => pm.expect(body.message).to.eql(${q(texts.voteCounted)}));`,
        examples: [{ name: '200 voto', code: 200, body: { message: texts.voteCounted } }],
      },
      {
        name: 'Olvidé mi contraseña',
        method: 'POST',
        path: '/auth/forgot-password',
        json: { email: '{{email_c}}' },
        description: `Siempre 202, exista o no la cuenta. Envía un enlace a \`${pages.reset}?token=…\`, válido 1 h.`,
        tests: `expectStatus(202); expectJson();
pm.test('mensaje', () => pm.expect(body.message).to.eql(${q(texts.resetRequested)}));`,
        examples: [{ name: '202', code: 202, body: { message: texts.resetRequested } }],
      },
      {
        name: 'Olvidé mi contraseña, correo sin cuenta (202)',
        method: 'POST',
        path: '/auth/forgot-password',
        json: { email: 'nadie.{{run_id}}@e2e.anb.test' },
        description: 'La misma respuesta: no revela qué correos tienen cuenta.',
        tests: `expectStatus(202); expectJson();
pm.test('mensaje', () => pm.expect(body.message).to.eql(${q(texts.resetRequested)}));`,
        examples: [{ name: '202', code: 202, body: { message: texts.resetRequested } }],
      },
      {
        name: 'Restablecer la contraseña con el enlace recibido',
        method: 'POST',
        path: '/auth/reset-password',
        json: { token: '{{reset_token}}', password1: '{{new_password}}', password2: '{{new_password}}' },
        prerequest: readMailedToken('email_c', pages.reset, 'reset_token').trim(),
        description:
          'Body `{token, password1, password2}` con las reglas del registro: 200, y los tokens anteriores dejan de valer.',
        tests: `expectStatus(200); expectJson();
pm.test('mensaje', () => pm.expect(body.message).to.eql(${q(texts.passwordReset)}));`,
        examples: [{ name: '200', code: 200, body: { message: texts.passwordReset } }],
      },
      {
        name: 'El token de antes del cambio (401)',
        method: 'GET',
        path: '/auth/me',
        auth: '{{token_c}}',
        description: 'Restablecer la contraseña revoca todos los tokens emitidos antes.',
        tests: `expectProblem(401, ${q(texts.invalidToken)}, 'INVALID_TOKEN');`,
        examples: [{ name: '401', code: 401, body: problem(401, texts.invalidToken, 'INVALID_TOKEN') }],
      },
      {
        name: 'Login con la contraseña anterior (401)',
        method: 'POST',
        path: '/auth/login',
        json: loginWith('{{password}}'),
        description: 'La contraseña anterior ya no sirve.',
        tests: `expectProblem(401, ${q(texts.invalidCredentials)}, 'INVALID_CREDENTIALS');`,
        examples: [{ name: '401', code: 401, body: problem(401, texts.invalidCredentials, 'INVALID_CREDENTIALS') }],
      },
      {
        name: 'Login con la contraseña nueva',
        method: 'POST',
        path: '/auth/login',
        json: loginWith('{{new_password}}'),
        description: 'Entra con la contraseña nueva.',
        tests: `expectStatus(200); expectJson();
pm.collectionVariables.set('token_c', body && body.access_token);`,
        examples: [
          { name: '200 token', code: 200, body: { access_token: 'eyJ...', token_type: 'Bearer', expires_in: 3600 } },
        ],
      },
      {
        name: 'Cerrar sesión',
        method: 'POST',
        path: '/auth/logout',
        auth: '{{token_c}}',
        description: '204: este token deja de valer (`/auth/logout-all` cierra todas las sesiones de la cuenta).',
        tests: `expectStatus(204);`,
        examples: [{ name: '204', code: 204, body: '', headers: { 'Content-Type': 'text/plain' } }],
      },
      {
        name: 'El token de la sesión cerrada (401)',
        method: 'GET',
        path: '/auth/me',
        auth: '{{token_c}}',
        description: 'Revocado en cada petición.',
        tests: `expectProblem(401, ${q(texts.invalidToken)}, 'INVALID_TOKEN');`,
        examples: [{ name: '401', code: 401, body: problem(401, texts.invalidToken, 'INVALID_TOKEN') }],
      },
    ] satisfies RequestSpec[]
  ).map(withMailbox),
};
