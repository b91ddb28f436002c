/**
 * The organiser's part of the Postman collection: the public contest, reports, and `/api/admin/*` (the reports
 * queue, every video, a video's vote profile, hide and restore, finding, suspending and reinstating an account,
 * the calendar and what closing it does, the results as a table and as a CSV, the audit log), with their refusals.
 *
 * The organiser role is given only from the command line (`npm run admin -- grant-organiser <email>`). Newman
 * cannot run a command, so `npm run e2e` serves a desk (`organiser_desk_url`, see `e2e-organiser-desk.ts`) that
 * runs it against the stack under test. Without the desk (a deployment run by hand, or `--base-url` without
 * E2E_ADMIN_COMMAND) the requests that need an organiser are skipped; the public ones and the refusals still run.
 *
 * It works on what the earlier folders made: Ana's published video (`video_id`, in the run's own city), Bruno's
 * vote for it (and Carla's, when the mailbox let folder 6 run), their accounts. It leaves the contest as it found
 * it: open, with no dates, its name and rules untouched (the last request, whatever happened before it).
 */
import { problem, q, type Example, type Folder, type RequestSpec } from './postman-builder.ts';

/** The wire texts (core's `organiser-texts.ts` and the API's messages), pinned as the contract collection pins the organiser's. */
const texts = {
  reportReceived: 'Reporte recibido: el equipo organizador revisará el video.',
  alreadyReported: 'Ya reportaste este video; el equipo organizador lo revisará.',
  forbidden: 'Esta acción es solo para el equipo organizador del concurso.',
  accountSuspended:
    'Tu cuenta está suspendida por el equipo organizador: no puede iniciar sesión, votar ni subir videos.',
  cannotSuspendSelf: 'No puedes suspender tu propia cuenta.',
  invalidCalendar:
    'La votación no puede cerrar antes que las subidas ni quedar con fecha mientras las subidas no la tienen.',
  missingToken: 'Falta de autenticación.',
  publicVideoNotFound: 'Video no encontrado.',
  invalidRequest: 'La solicitud no es válida.',
  signupCreated: 'Usuario creado exitosamente.',
} as const;

/** The closing texts carry the date in the contest's time zone, as the server's ICU words it. */
const uploadsClosedPattern = String.raw`/^Las subidas del concurso cerraron el \d{1,2} de \S+ de \d{4}\D+\d{2}:\d{2} .+; ya no se reciben videos\.$/`;
const votingClosedPattern = String.raw`/^La votación del concurso cerró el \d{1,2} de \S+ de \d{4}\D+\d{2}:\d{2} .+; ya no se reciben votos\.$/`;

const exampleId = '01939a4e-7b3c-7d2e-9f10-2b3c4d5e6f70';
const exampleUserId = '01939a4e-7b3c-7d2e-9f10-2b3c4d5e6f71';
const exampleOrganiserId = '01939a4e-7b3c-7d2e-9f10-2b3c4d5e6f72';

/** Skips the request when no desk can make an organiser (a deployment run by hand in Postman). */
const needsDesk = `if (!pm.variables.get('organiser_desk_url')) pm.execution.skipRequest();`;

const withDesk = (spec: RequestSpec): RequestSpec => ({
  ...spec,
  prerequest: [needsDesk, spec.prerequest].filter(Boolean).join('\n'),
});

const ex401: Example = {
  name: '401 sin token',
  code: 401,
  body: problem(401, texts.missingToken, 'UNAUTHENTICATED'),
};
const ex403: Example = { name: '403 no es organizador', code: 403, body: problem(403, texts.forbidden, 'FORBIDDEN') };
const adminDoc =
  'Solo para organizadores (`Authorization: Bearer` de una cuenta con rol `organiser`; 401 sin token, 403 `FORBIDDEN` para un jugador).';

/** Ana's video in the public gallery of the run's city, or undefined; for the tests of the gallery requests. */
const findInGallery = `const listed = Array.isArray(body) ? body.find((v) => v.video_id === pm.collectionVariables.get('video_id')) : undefined;`;

const gallery = (name: string, description: string, tests: string): RequestSpec =>
  withDesk({
    name,
    method: 'GET',
    path: '/public/videos',
    query: { city: '{{city}}', limit: '100' },
    description,
    tests: `expectStatus(200); expectJson();
${findInGallery}
${tests}`,
    examples: [
      {
        name: '200 lista',
        code: 200,
        headers: { 'X-Total-Count': '1' },
        body: [{ video_id: exampleId, title: 'Mi mejor jugada', player_name: 'Ana Pérez', votes: 2 }],
      },
    ],
  });

/** The votes the video had before the suspension (saved from `/admin/videos`), less `minus`. */
const expectGalleryVotes = (minus: number) =>
  `pm.test('el video con ${minus ? 'un voto menos' : 'todos sus votos'}', () => { pm.expect(listed, 'en la galería').to.be.an('object'); pm.expect(listed.votes).to.eql(Number(pm.collectionVariables.get('video_votes')) - ${minus}); });`;

/**
 * `PUT /admin/contest` with the contest's name, rules and selected players as `GET /contest` told them at the
 * start of the folder, and these dates (hours before now, or null). The body is written by the pre-request script.
 */
const contestPut = (
  name: string,
  dates: { uploadsHoursAgo: number | null; votingHoursAgo: number | null },
  description: string,
  tests: string,
  examples: Example[],
): RequestSpec =>
  withDesk({
    name,
    method: 'PUT',
    path: '/admin/contest',
    auth: '{{token_o}}',
    json: {
      name: 'ANB Rising Stars Showcase',
      rules: 'Un video por jugador…',
      selected_per_city: 3,
      uploads_close_at: dates.uploadsHoursAgo === null ? null : '2026-03-01T04:59:00Z',
      voting_closes_at: dates.votingHoursAgo === null ? null : '2026-03-15T04:59:00Z',
    },
    prerequest: String.raw`
const kept = JSON.parse(pm.collectionVariables.get('contest_settings') || '{}');
const hoursAgo = (hours) => hours === null ? null : new Date(Date.now() - hours * 3600000).toISOString().replace(/\.\d+Z$/, 'Z');
const settings = {
  name: kept.name, rules: kept.rules, selected_per_city: kept.selected_per_city,
  uploads_close_at: hoursAgo(${dates.uploadsHoursAgo}), voting_closes_at: hoursAgo(${dates.votingHoursAgo}),
};
pm.variables.set('sent_uploads_close_at', settings.uploads_close_at);
pm.variables.set('sent_voting_closes_at', settings.voting_closes_at);
pm.request.body.update({ mode: 'raw', raw: JSON.stringify(settings, null, 2), options: { raw: { language: 'json' } } });`.trim(),
    description: `${adminDoc}\n\nBody: \`name\`, \`rules\`, \`selected_per_city\`, \`uploads_close_at\`, \`voting_closes_at\` (ISO 8601 o \`null\`: sin fecha). Una fecha pasada rige de inmediato. El script previo conserva el nombre, las reglas y los seleccionados que dio \`GET /contest\` al comienzo de la carpeta y fija las fechas.\n\n${description}`,
    tests,
    examples,
  });

const contestExample = (phase: string, uploads: string | null, voting: string | null): Example => ({
  name: `200 ${phase}`,
  code: 200,
  body: {
    name: 'ANB Rising Stars Showcase',
    rules: 'Un video por jugador…',
    selected_per_city: 3,
    time_zone: 'America/Bogota',
    uploads_close_at: uploads,
    voting_closes_at: voting,
    phase,
    next_deadline_at: null,
  },
});

/** The dates the server answered are the instants the request sent. */
const expectSentDates = String.raw`pm.test('las fechas enviadas', () => {
  const same = (answered, sent) => sent === null ? pm.expect(answered).to.eql(null) : pm.expect(Math.floor(Date.parse(answered) / 1000)).to.eql(Math.floor(Date.parse(sent) / 1000));
  same(body.uploads_close_at, pm.variables.get('sent_uploads_close_at'));
  same(body.voting_closes_at, pm.variables.get('sent_voting_closes_at'));
});
pm.test('nombre y reglas sin cambios', () => {
  const kept = JSON.parse(pm.collectionVariables.get('contest_settings') || '{}');
  pm.expect(body.name).to.eql(kept.name);
  pm.expect(body.rules).to.eql(kept.rules);
});`;

const accountExample = (suspended: boolean) => ({
  user_id: exampleUserId,
  first_name: 'Bruno',
  last_name: 'Díaz',
  email: 'bruno@example.com',
  city: 'Cúcuta',
  country: 'Colombia',
  role: 'player',
  email_verified: true,
  created_at: '2025-03-10T14:30:00Z',
  suspended_at: suspended ? '2025-03-12T09:00:00Z' : null,
  suspension_reason: suspended ? 'Votos comprados' : null,
  votes_voided: suspended,
});

const items: RequestSpec[] = [
  {
    name: 'Concurso: nombre, reglas, fechas y fase',
    method: 'GET',
    path: '/contest',
    description:
      'Público. `name`, `rules`, `selected_per_city` (jugadores que la ANB selecciona por ciudad), `time_zone` (en la que se cuentan las fechas), `uploads_close_at` y `voting_closes_at` (ISO 8601 o `null`: sin fecha), `phase` (`open`: subidas y votos; `voting`: subidas cerradas; `closed`: votación cerrada, resultados finales) y `next_deadline_at` (la próxima fecha, para una cuenta regresiva).',
    tests: String.raw`expectStatus(200); expectJson();
pm.test('campos del concurso', () => {
  pm.expect(body).to.have.all.keys('name', 'rules', 'selected_per_city', 'time_zone', 'uploads_close_at', 'voting_closes_at', 'phase', 'next_deadline_at');
  pm.expect(body.name).to.be.a('string').and.not.empty;
  pm.expect(body.rules).to.be.a('string');
  pm.expect(body.selected_per_city).to.be.a('number').above(0);
  pm.expect(body.time_zone).to.be.a('string').and.not.empty;
});
pm.test('abierto: las carpetas anteriores subieron y votaron', () => {
  pm.expect(body.phase).to.eql('open');
  pm.expect(body.uploads_close_at === null || Date.parse(body.uploads_close_at) > Date.now()).to.eql(true);
});
if (body) pm.collectionVariables.set('contest_settings', JSON.stringify({ name: body.name, rules: body.rules, selected_per_city: body.selected_per_city }));`,
    examples: [contestExample('open', null, null)],
  },
  {
    name: 'Reportar un video',
    method: 'POST',
    path: '/public/videos/{{video_id}}/report',
    auth: '{{token_b}}',
    json: { reason: 'not_basketball', details: 'No se ve ninguna jugada ({{run_id}}).' },
    description:
      'Cualquier cuenta con sesión marca un video publicado para la revisión del equipo organizador. Body: `reason` (`inappropriate`, `not_basketball`, `not_own_content`, `spam`, `other`) y `details` opcional (texto). 201 con `message` y `report_id`. Un reporte por usuario y video.',
    tests: `expectStatus(201); expectJson();
pm.test('reporte recibido', () => pm.expect(body.message).to.eql(${q(texts.reportReceived)}));
pm.test('report_id', () => pm.expect(body.report_id).to.match(UUID));`,
    examples: [
      { name: '201 recibido', code: 201, body: { message: texts.reportReceived, report_id: exampleId } },
      { name: '400 ya reportado', code: 400, body: problem(400, texts.alreadyReported, 'ALREADY_REPORTED') },
      { name: '404 no publicado', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') },
      ex401,
    ],
  },
  {
    name: 'Reportar el mismo video otra vez (400)',
    method: 'POST',
    path: '/public/videos/{{video_id}}/report',
    auth: '{{token_b}}',
    json: { reason: 'spam' },
    description: 'El segundo reporte del mismo usuario, con cualquier motivo: 400 `ALREADY_REPORTED`.',
    tests: `expectProblem(400, ${q(texts.alreadyReported)}, 'ALREADY_REPORTED');`,
    examples: [{ name: '400', code: 400, body: problem(400, texts.alreadyReported, 'ALREADY_REPORTED') }],
  },
  {
    name: 'Reportar un video inexistente (404)',
    method: 'POST',
    path: '/public/videos/{{missing_id}}/report',
    auth: '{{token_b}}',
    json: { reason: 'spam' },
    description: 'Inexistente o no publicado: 404 `VIDEO_NOT_FOUND`, como al votar.',
    tests: `expectProblem(404, ${q(texts.publicVideoNotFound)}, 'VIDEO_NOT_FOUND');`,
    examples: [{ name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') }],
  },
  {
    name: 'Reportar sin token (401)',
    method: 'POST',
    path: '/public/videos/{{video_id}}/report',
    json: { reason: 'spam' },
    description: 'Reportar requiere sesión.',
    tests: `expectProblem(401, ${q(texts.missingToken)}, 'UNAUTHENTICATED');`,
    examples: [ex401],
  },
  {
    name: 'Reportar con un motivo inválido (400)',
    method: 'POST',
    path: '/public/videos/{{video_id}}/report',
    auth: '{{token_b}}',
    json: { reason: 'aburrido' },
    description: 'Un `reason` fuera de la lista: 400 `VALIDATION_ERROR` con `errors` por campo.',
    tests: `expectProblem(400, ${q(texts.invalidRequest)}, 'VALIDATION_ERROR');
pm.test('el error es del campo reason', () => pm.expect((body.errors || []).map((e) => e.path)).to.include('reason'));`,
    examples: [
      {
        name: '400',
        code: 400,
        body: problem(400, texts.invalidRequest, 'VALIDATION_ERROR', [{ path: 'reason', message: 'Invalid option' }]),
      },
    ],
  },
  {
    name: 'Herramientas del organizador como jugador (403)',
    method: 'GET',
    path: '/admin/videos',
    auth: '{{token_b}}',
    description: `${adminDoc} Un jugador recibe 403 \`FORBIDDEN\` en cada ruta \`/admin/*\`, envíe lo que envíe.`,
    tests: `expectProblem(403, ${q(texts.forbidden)}, 'FORBIDDEN');`,
    examples: [ex403],
  },
  {
    name: 'Herramientas del organizador sin token (401)',
    method: 'GET',
    path: '/admin/videos',
    description: 'Sin `Authorization`: 401 en cada ruta `/admin/*`.',
    tests: `expectProblem(401, ${q(texts.missingToken)}, 'UNAUTHENTICATED');`,
    examples: [ex401],
  },
  {
    name: 'Registro de la organizadora O',
    method: 'POST',
    path: '/auth/signup',
    json: {
      first_name: 'Olga',
      last_name: 'Organizadora',
      email: '{{email_o}}',
      password1: '{{password}}',
      password2: '{{password}}',
      city: 'Bogotá',
      country: 'Colombia',
    },
    prerequest: `pm.collectionVariables.set('email_o', 'olga.' + pm.collectionVariables.get('run_id') + '@e2e.anb.test');`,
    description:
      'Una cuenta como cualquier otra: el rol de organizador se da después, solo desde la línea de comandos.',
    tests: `expectStatus(201); expectJson();
pm.test('mensaje de registro', () => pm.expect(body.message).to.eql(${q(texts.signupCreated)}));
pm.collectionVariables.set('user_o', body && body.user_id);`,
    examples: [{ name: '201 creado', code: 201, body: { message: texts.signupCreated, user_id: exampleOrganiserId } }],
  },
  withDesk({
    name: 'Hacer organizadora a O (npm run admin -- grant-organiser)',
    method: 'POST',
    path: '{{organiser_desk_url}}/organisers',
    query: { email: '{{email_o}}' },
    description: [
      'No es una ruta de la API: ninguna ruta da el rol de organizador. Se da con el programa de administración,',
      '`npm run admin -- grant-organiser <correo>` (sobre `DATABASE_URL` o la base embebida de `DATA_DIR`; en los contenedores `bash docker/stack.sh admin grant-organiser <correo>`; en AWS `npm run ops -- grant-organiser <correo>`), y queda en el registro de auditoría como hecho desde la línea de comandos.',
      '`npm run e2e` sirve un escritorio de la prueba (`organiser_desk_url`) que lo ejecuta contra la pila probada y responde 200 `{"line"}` con lo que imprimió (500 `{"error"}` si falló).',
      'A mano en Postman: ejecuta el comando con el correo de `email_o` y pon cualquier valor en `organiser_desk_url` para que las peticiones siguientes no se omitan (esta fallará; las demás valen).',
      'Sin `organiser_desk_url`, esta y las peticiones que necesitan un organizador se omiten.',
    ].join(' '),
    tests: `expectStatus(200); expectJson();
pm.test('el programa dice que ya es organizadora', () => pm.expect(body.line).to.eql(pm.collectionVariables.get('email_o').toLowerCase() + ' is now an organiser.'));`,
    examples: [
      { name: '200', code: 200, body: { line: 'olga@example.com is now an organiser.' } },
      {
        name: '500',
        code: 500,
        body: {
          error: 'No account has the e-mail olga@example.com: the person signs up first (check the spelling).',
        },
        headers: { 'Content-Type': 'application/json' },
      },
    ],
  }),
  {
    name: 'Login organizadora O',
    method: 'POST',
    path: '/auth/login',
    json: { email: '{{email_o}}', password: '{{password}}' },
    description:
      'El login de siempre. El rol se lee en cada petición, así que un token emitido antes del cambio también sirve.',
    tests: `expectStatus(200); expectJson();
pm.test('token', () => pm.expect(body.access_token).to.be.a('string'));
pm.collectionVariables.set('token_o', body && body.access_token);`,
    examples: [
      { name: '200 token', code: 200, body: { access_token: 'eyJ...', token_type: 'Bearer', expires_in: 3600 } },
    ],
  },
  withDesk({
    name: 'Mi cuenta: rol organizador',
    method: 'GET',
    path: '/auth/me',
    auth: '{{token_o}}',
    description:
      '`role` es `organiser` (`player` para los demás): la aplicación web muestra entonces las páginas del equipo.',
    tests: `expectStatus(200); expectJson();
pm.test('role organiser', () => pm.expect(body.role).to.eql('organiser'));`,
    examples: [
      { name: '200', code: 200, body: { user_id: exampleOrganiserId, first_name: 'Olga', role: 'organiser' } },
    ],
  }),
  withDesk({
    name: 'Cola de reportes',
    method: 'GET',
    path: '/admin/reports',
    auth: '{{token_o}}',
    description: `${adminDoc}\n\nLos videos con reportes abiertos, el más reportado primero: \`open_reports\`, \`by_reason\` (conteo por motivo), \`last_reported_at\` y cada reporte (\`reason\`, \`details\`, \`reported_at\`; quién reportó no se muestra).`,
    tests: `expectStatus(200); expectJson();
const reported = Array.isArray(body) ? body.find((v) => v.video_id === pm.collectionVariables.get('video_id')) : undefined;
pm.test('el video de Ana con el reporte de Bruno', () => {
  pm.expect(reported, 'en la cola').to.be.an('object');
  pm.expect(reported.open_reports).to.eql(1);
  pm.expect(reported.by_reason).to.eql({ inappropriate: 0, not_basketball: 1, not_own_content: 0, spam: 0, other: 0 });
  pm.expect(reported.reports).to.have.length(1);
  pm.expect(reported.reports[0].reason).to.eql('not_basketball');
  pm.expect(reported.reports[0].details).to.eql('No se ve ninguna jugada (' + pm.collectionVariables.get('run_id') + ').');
  pm.expect(reported.reports[0].reported_at).to.match(ISO);
  pm.expect(reported.player.user_id).to.eql(pm.collectionVariables.get('user_a'));
  pm.expect(reported.status).to.eql('processed');
});
pm.test('el más reportado primero', () => body.forEach((v, i) => i === 0 || pm.expect(v.open_reports).to.be.at.most(body[i - 1].open_reports)));`,
    examples: [
      {
        name: '200 cola',
        code: 200,
        body: [
          {
            video_id: exampleId,
            title: 'Mi mejor jugada',
            status: 'processed',
            player: { user_id: exampleUserId, name: 'Ana Pérez', email: 'ana@example.com', city: 'Cúcuta' },
            processed_url: 'https://…',
            poster_url: 'https://…',
            open_reports: 1,
            by_reason: { inappropriate: 0, not_basketball: 1, not_own_content: 0, spam: 0, other: 0 },
            last_reported_at: '2025-03-12T09:00:00Z',
            reports: [
              { reason: 'not_basketball', details: 'No se ve ninguna jugada.', reported_at: '2025-03-12T09:00:00Z' },
            ],
          },
        ],
      },
      ex401,
      ex403,
    ],
  }),
  withDesk({
    name: 'Todos los videos, filtrados por estado y ciudad',
    method: 'GET',
    path: '/admin/videos',
    auth: '{{token_o}}',
    query: { status: 'processed', city: '{{city}}', limit: '100' },
    description: `${adminDoc}\n\nCada video en cualquier estado (\`status\`: \`uploaded\`, \`processing\`, \`processed\`, \`failed\`, \`hidden\`), con su jugador, \`votes\`, \`open_reports\`, \`total_reports\` y \`hidden_reason\`. Query: \`status\`, \`city\`, \`player_id\`, \`limit\` (1–100, 20), \`offset\`. Total en \`X-Total-Count\`.`,
    tests: `expectStatus(200); expectJson();
const total = Number(pm.response.headers.get('X-Total-Count'));
pm.test('X-Total-Count = videos de la página', () => pm.expect(total).to.eql(body.length));
pm.test('solo procesados', () => body.forEach((v) => pm.expect(v.status).to.eql('processed')));
const video = body.find((v) => v.video_id === pm.collectionVariables.get('video_id'));
pm.test('el video de Ana con su reporte y sus votos', () => {
  pm.expect(video, 'en la lista').to.be.an('object');
  pm.expect(video.player.user_id).to.eql(pm.collectionVariables.get('user_a'));
  pm.expect(video.player.email).to.eql(pm.collectionVariables.get('email_a').toLowerCase());
  pm.expect(video.open_reports).to.eql(1);
  pm.expect(video.total_reports).to.eql(1);
  pm.expect(video.votes).to.be.a('number').at.least(1);
  pm.expect(video.hidden_reason).to.eql(null);
  pm.expect(video.uploaded_at).to.match(ISO);
});
pm.collectionVariables.set('video_votes', video ? video.votes : -1);`,
    examples: [
      {
        name: '200 lista',
        code: 200,
        headers: { 'X-Total-Count': '1' },
        body: [
          {
            video_id: exampleId,
            title: 'Mi mejor jugada',
            status: 'processed',
            player: { user_id: exampleUserId, name: 'Ana Pérez', email: 'ana@example.com', city: 'Cúcuta' },
            uploaded_at: '2025-03-10T14:30:00Z',
            processed_at: '2025-03-10T14:31:10Z',
            processed_url: 'https://…',
            poster_url: 'https://…',
            votes: 2,
            open_reports: 1,
            total_reports: 1,
            hidden_reason: null,
            hidden_at: null,
          },
        ],
      },
      {
        name: '400 parámetro inválido',
        code: 400,
        body: problem(400, 'Parámetro inválido en la consulta.', 'VALIDATION_ERROR'),
      },
      ex401,
      ex403,
    ],
  }),
  withDesk({
    name: 'De dónde vienen los votos de un video',
    method: 'GET',
    path: '/admin/videos/{{video_id}}/votes',
    auth: '{{token_o}}',
    description: `${adminDoc}\n\nPara detectar votos comprados: \`total\`, \`counted\` (de cuentas no anuladas), \`voided\`, \`verified\` y \`verified_share\` (de cuentas con correo confirmado), \`new_accounts\` (votos emitidos dentro de las 24 h del registro), \`per_hour\` y \`signup_networks\` (la red de registro, /24 en IPv4 y /64 en IPv6: nunca se guarda la dirección completa).`,
    tests: `expectStatus(200); expectJson();
const votes = Number(pm.collectionVariables.get('video_votes'));
pm.test('total = los votos del video', () => { pm.expect(body.video_id).to.eql(pm.collectionVariables.get('video_id')); pm.expect(body.total).to.eql(votes); });
pm.test('todos cuentan', () => { pm.expect(body.counted).to.eql(votes); pm.expect(body.voided).to.eql(0); });
pm.test('verificados y su proporción', () => { pm.expect(body.verified).to.be.within(0, votes); pm.expect(body.verified_share).to.be.closeTo(body.verified / votes, 1e-9); });
pm.test('cuentas nuevas: todos los votantes se registraron en esta ejecución', () => pm.expect(body.new_accounts).to.eql(votes));
pm.test('por hora suma el total', () => pm.expect(body.per_hour.reduce((sum, h) => sum + h.votes, 0)).to.eql(votes));
pm.test('redes de registro, nunca una dirección completa', () => {
  pm.expect(body.signup_networks.reduce((sum, n) => sum + n.votes, 0)).to.eql(votes);
  body.signup_networks.forEach((n) => pm.expect(n.network).to.match(/\\/(24|64)$/));
});`,
    examples: [
      {
        name: '200 perfil',
        code: 200,
        body: {
          video_id: exampleId,
          title: 'Mi mejor jugada',
          total: 2,
          counted: 2,
          voided: 0,
          verified: 1,
          verified_share: 0.5,
          new_accounts: 2,
          per_hour: [{ hour: '2025-03-12T09:00:00.000Z', votes: 2 }],
          signup_networks: [{ network: '203.0.113.0/24', votes: 2 }],
        },
      },
      { name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') },
      ex401,
      ex403,
    ],
  }),
  withDesk({
    name: 'Ocultar el video',
    method: 'POST',
    path: '/admin/videos/{{video_id}}/hide',
    auth: '{{token_o}}',
    json: { reason: 'Revisión de la colección: parece fútbol' },
    description: `${adminDoc}\n\nBody \`{reason}\` (obligatorio). Un video publicado sale de inmediato de la galería, el ranking y los resultados; sus votos se guardan sin contar y sus reportes abiertos quedan atendidos. Su dueño lo ve con \`status: "hidden"\` y el motivo. 400 \`VIDEO_NOT_PUBLISHED\` si no está publicado, 404 si no existe.`,
    tests: `expectStatus(200); expectJson();
pm.test('oculto con el motivo', () => {
  pm.expect(body.video_id).to.eql(pm.collectionVariables.get('video_id'));
  pm.expect(body.status).to.eql('hidden');
  pm.expect(body.hidden_reason).to.eql('Revisión de la colección: parece fútbol');
  pm.expect(body.hidden_at).to.match(ISO);
});`,
    examples: [
      {
        name: '200 oculto',
        code: 200,
        body: {
          video_id: exampleId,
          status: 'hidden',
          hidden_reason: 'Parece fútbol',
          hidden_at: '2025-03-12T09:05:00.000Z',
        },
      },
      {
        name: '400 no publicado',
        code: 400,
        body: problem(400, 'Solo se puede ocultar un video publicado.', 'VIDEO_NOT_PUBLISHED'),
      },
      { name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') },
      ex401,
      ex403,
    ],
  }),
  withDesk({
    name: 'Ocultar un video inexistente (404)',
    method: 'POST',
    path: '/admin/videos/{{missing_id}}/hide',
    auth: '{{token_o}}',
    json: { reason: 'No existe' },
    description: 'Un id que no es de ningún video: 404 `VIDEO_NOT_FOUND`.',
    tests: `expectProblem(404, ${q(texts.publicVideoNotFound)}, 'VIDEO_NOT_FOUND');`,
    examples: [{ name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') }],
  }),
  gallery(
    'El video oculto ya no está en la galería',
    'La galería pública de la ciudad, sin token: el video oculto no aparece.',
    `pm.test('no aparece', () => pm.expect(listed).to.eql(undefined));
pm.test('X-Total-Count = elementos', () => pm.expect(Number(pm.response.headers.get('X-Total-Count'))).to.eql(body.length));`,
  ),
  withDesk({
    name: 'El reporte quedó atendido',
    method: 'GET',
    path: '/admin/reports',
    auth: '{{token_o}}',
    description: 'Ocultar atiende los reportes abiertos del video: sale de la cola.',
    tests: `expectStatus(200); expectJson();
pm.test('no está en la cola', () => pm.expect(body.map((v) => v.video_id)).to.not.include(pm.collectionVariables.get('video_id')));`,
    examples: [{ name: '200 cola', code: 200, body: [] }],
  }),
  withDesk({
    name: 'Votar por el video oculto (404)',
    method: 'POST',
    path: '/public/videos/{{video_id}}/vote',
    auth: '{{token_b}}',
    description: 'Un video oculto no está publicado: 404, como uno inexistente.',
    tests: `expectProblem(404, ${q(texts.publicVideoNotFound)}, 'VIDEO_NOT_FOUND');`,
    examples: [{ name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') }],
  }),
  withDesk({
    name: 'Su dueña lo ve oculto, con el motivo',
    method: 'GET',
    path: '/videos/{{video_id}}',
    auth: '{{token_a}}',
    description: 'En el detalle propio: `status: "hidden"` y `hidden_reason`; los votos se conservan.',
    tests: `expectStatus(200); expectJson();
pm.test('hidden con el motivo', () => {
  pm.expect(body.status).to.eql('hidden');
  pm.expect(body.hidden_reason).to.eql('Revisión de la colección: parece fútbol');
  pm.expect(body.votes).to.eql(Number(pm.collectionVariables.get('video_votes')));
});`,
    examples: [
      {
        name: '200',
        code: 200,
        body: {
          video_id: exampleId,
          title: 'Mi mejor jugada',
          status: 'hidden',
          hidden_reason: 'Parece fútbol',
          votes: 2,
        },
      },
    ],
  }),
  withDesk({
    name: 'Restaurar el video',
    method: 'POST',
    path: '/admin/videos/{{video_id}}/restore',
    auth: '{{token_o}}',
    json: { reason: 'Revisado: es baloncesto' },
    description: `${adminDoc}\n\nBody \`{reason}\` opcional. El video vuelve a la galería con sus votos. 400 \`VIDEO_NOT_HIDDEN\` si no está oculto.`,
    tests: `expectStatus(200); expectJson();
pm.test('publicado otra vez', () => pm.expect(body).to.eql({ video_id: pm.collectionVariables.get('video_id'), status: 'processed', hidden_reason: null, hidden_at: null }));`,
    examples: [
      {
        name: '200',
        code: 200,
        body: { video_id: exampleId, status: 'processed', hidden_reason: null, hidden_at: null },
      },
      { name: '400 no oculto', code: 400, body: problem(400, 'El video no está oculto.', 'VIDEO_NOT_HIDDEN') },
    ],
  }),
  withDesk({
    name: 'Otro reporte del video restaurado',
    method: 'POST',
    path: '/public/videos/{{video_id}}/report',
    auth: '{{token_o}}',
    json: { reason: 'other', details: 'Reporte para descartar ({{run_id}}).' },
    description:
      'Cualquier cuenta con sesión puede reportar (aquí la organizadora, para tener un reporte abierto que descartar).',
    tests: `expectStatus(201); expectJson();
pm.test('reporte recibido', () => pm.expect(body.message).to.eql(${q(texts.reportReceived)}));`,
    examples: [{ name: '201 recibido', code: 201, body: { message: texts.reportReceived, report_id: exampleId } }],
  }),
  withDesk({
    name: 'Descartar los reportes de un video que se queda',
    method: 'POST',
    path: '/admin/videos/{{video_id}}/dismiss-reports',
    auth: '{{token_o}}',
    json: { reason: 'Revisado: no infringe las reglas' },
    description: `${adminDoc}\n\nBody \`{reason}\` (obligatorio). Los reportes abiertos quedan atendidos y el video sigue publicado. 200 con \`dismissed\` (cuántos); 404 si el video no existe.`,
    tests: `expectStatus(200); expectJson();
pm.test('un reporte descartado', () => pm.expect(body).to.eql({ video_id: pm.collectionVariables.get('video_id'), dismissed: 1 }));`,
    examples: [
      { name: '200', code: 200, body: { video_id: exampleId, dismissed: 1 } },
      { name: '404', code: 404, body: problem(404, texts.publicVideoNotFound, 'VIDEO_NOT_FOUND') },
      ex401,
      ex403,
    ],
  }),
  withDesk({
    name: 'La cola de reportes queda sin el video',
    method: 'GET',
    path: '/admin/reports',
    auth: '{{token_o}}',
    description: 'Descartados, sus reportes ya no están abiertos.',
    tests: `expectStatus(200); expectJson();
pm.test('no está en la cola', () => pm.expect(body.map((v) => v.video_id)).to.not.include(pm.collectionVariables.get('video_id')));`,
    examples: [{ name: '200 cola', code: 200, body: [] }],
  }),
  gallery(
    'El video restaurado vuelve a la galería con sus votos',
    'La galería pública de la ciudad: el video está otra vez, con todos sus votos.',
    expectGalleryVotes(0),
  ),
  withDesk({
    name: 'Buscar una cuenta por correo',
    method: 'GET',
    path: '/admin/users',
    auth: '{{token_o}}',
    query: { email: '{{email_b_upper}}' },
    prerequest: `pm.variables.set('email_b_upper', encodeURIComponent(pm.collectionVariables.get('email_b').toUpperCase()));`,
    description: `${adminDoc}\n\nQuery \`email\`: la cuenta de ese correo, tal como se escribió o su buzón (sin mayúsculas, \`+etiqueta\` ni los puntos de Gmail). Arreglo de cuentas con \`role\`, \`email_verified\`, \`suspended_at\`, \`suspension_reason\`, \`votes_voided\`.`,
    tests: `expectStatus(200); expectJson();
pm.test('la cuenta de Bruno, activa', () => {
  pm.expect(body).to.be.an('array').with.length(1);
  pm.expect(body[0].user_id).to.eql(pm.collectionVariables.get('user_b'));
  pm.expect(body[0].email).to.eql(pm.collectionVariables.get('email_b').toLowerCase());
  pm.expect(body[0].role).to.eql('player');
  pm.expect(body[0].suspended_at).to.eql(null);
  pm.expect(body[0].votes_voided).to.eql(false);
  pm.expect(body[0].created_at).to.match(ISO);
});`,
    examples: [{ name: '200', code: 200, body: [accountExample(false)] }, ex401, ex403],
  }),
  withDesk({
    name: 'Suspender la cuenta y anular sus votos',
    method: 'POST',
    path: '/admin/users/{{user_b}}/suspend',
    auth: '{{token_o}}',
    json: { reason: 'Revisión de la colección', void_votes: true },
    description: `${adminDoc}\n\nBody \`{reason, void_votes}\`. La cuenta no puede iniciar sesión, votar ni subir videos (403 \`ACCOUNT_SUSPENDED\`); con \`void_votes: true\` sus votos dejan de contar de inmediato. 400 \`ALREADY_SUSPENDED\`, 400 \`CANNOT_SUSPEND_SELF\`, 404 \`USER_NOT_FOUND\`.`,
    tests: `expectStatus(200); expectJson();
pm.test('suspendida, votos anulados', () => {
  pm.expect(body.user_id).to.eql(pm.collectionVariables.get('user_b'));
  pm.expect(body.suspended_at).to.match(ISO);
  pm.expect(body.suspension_reason).to.eql('Revisión de la colección');
  pm.expect(body.votes_voided).to.eql(true);
});`,
    examples: [
      { name: '200', code: 200, body: accountExample(true) },
      {
        name: '400 ya suspendida',
        code: 400,
        body: problem(400, 'La cuenta ya está suspendida.', 'ALREADY_SUSPENDED'),
      },
      { name: '404', code: 404, body: problem(404, 'La cuenta no existe.', 'USER_NOT_FOUND') },
    ],
  }),
  gallery(
    'El voto de la cuenta suspendida deja de contar',
    'La galería pública: el video de Ana tiene un voto menos (el de Bruno, anulado).',
    expectGalleryVotes(1),
  ),
  withDesk({
    name: 'Login de la cuenta suspendida (403)',
    method: 'POST',
    path: '/auth/login',
    json: { email: '{{email_b}}', password: '{{password}}' },
    description: 'Con la contraseña correcta: 403 `ACCOUNT_SUSPENDED`. Sus tokens tampoco sirven mientras dure.',
    tests: `expectProblem(403, ${q(texts.accountSuspended)}, 'ACCOUNT_SUSPENDED');`,
    examples: [{ name: '403', code: 403, body: problem(403, texts.accountSuspended, 'ACCOUNT_SUSPENDED') }],
  }),
  withDesk({
    name: 'Suspender la propia cuenta (400)',
    method: 'POST',
    path: '/admin/users/{{user_o}}/suspend',
    auth: '{{token_o}}',
    json: { reason: 'Prueba', void_votes: false },
    description: 'Un organizador no puede suspenderse a sí mismo: 400 `CANNOT_SUSPEND_SELF`.',
    tests: `expectProblem(400, ${q(texts.cannotSuspendSelf)}, 'CANNOT_SUSPEND_SELF');`,
    examples: [{ name: '400', code: 400, body: problem(400, texts.cannotSuspendSelf, 'CANNOT_SUSPEND_SELF') }],
  }),
  withDesk({
    name: 'Levantar la suspensión',
    method: 'POST',
    path: '/admin/users/{{user_b}}/reinstate',
    auth: '{{token_o}}',
    json: { reason: 'Revisado' },
    description: `${adminDoc}\n\nBody \`{reason}\` opcional. La cuenta vuelve a entrar y sus votos anulados vuelven a contar. 400 \`NOT_SUSPENDED\`.`,
    tests: `expectStatus(200); expectJson();
pm.test('activa, votos de vuelta', () => {
  pm.expect(body.user_id).to.eql(pm.collectionVariables.get('user_b'));
  pm.expect(body.suspended_at).to.eql(null);
  pm.expect(body.suspension_reason).to.eql(null);
  pm.expect(body.votes_voided).to.eql(false);
});`,
    examples: [
      { name: '200', code: 200, body: accountExample(false) },
      { name: '400 no suspendida', code: 400, body: problem(400, 'La cuenta no está suspendida.', 'NOT_SUSPENDED') },
    ],
  }),
  withDesk({
    name: 'Login de la cuenta rehabilitada',
    method: 'POST',
    path: '/auth/login',
    json: { email: '{{email_b}}', password: '{{password}}' },
    description: 'Bruno entra otra vez (su token nuevo sirve para el voto de más abajo).',
    tests: `expectStatus(200); expectJson();
pm.collectionVariables.set('token_b', body && body.access_token);`,
    examples: [
      { name: '200 token', code: 200, body: { access_token: 'eyJ...', token_type: 'Bearer', expires_in: 3600 } },
    ],
  }),
  gallery(
    'Los votos anulados vuelven a contar',
    'La galería pública: el video de Ana recupera el voto de Bruno.',
    expectGalleryVotes(0),
  ),
  contestPut(
    'Cerrar las subidas (fecha pasada)',
    { uploadsHoursAgo: 1, votingHoursAgo: null },
    'Subidas cerradas hace una hora, votación sin fecha: fase `voting`.',
    `expectStatus(200); expectJson();
pm.test('fase voting', () => { pm.expect(body.phase).to.eql('voting'); pm.expect(body.next_deadline_at).to.eql(null); });
${expectSentDates}`,
    [
      contestExample('voting', '2026-03-01T04:59:00Z', null),
      { name: '400 calendario', code: 400, body: problem(400, texts.invalidCalendar, 'INVALID_CALENDAR') },
      ex401,
      ex403,
    ],
  ),
  withDesk({
    name: 'Subir con las subidas cerradas (403)',
    method: 'POST',
    path: '/videos/upload',
    auth: '{{token_a}}',
    form: [
      { key: 'title', value: 'Fuera de plazo' },
      { key: 'video_file', src: 'e2e-not-video.txt' },
    ],
    description:
      'Pasada la fecha de cierre de subidas: 403 `UPLOADS_CLOSED`, antes de leer un byte del archivo (igual en `POST /uploads`, tus), con la fecha en la zona horaria del concurso. Se envía un archivo pequeño.',
    tests: `expectProblem(403, ${uploadsClosedPattern}, 'UPLOADS_CLOSED');`,
    examples: [
      {
        name: '403',
        code: 403,
        body: problem(
          403,
          'Las subidas del concurso cerraron el 28 de febrero de 2026, 23:59 GMT-5; ya no se reciben videos.',
          'UPLOADS_CLOSED',
        ),
      },
    ],
  }),
  contestPut(
    'Cerrar la votación (fecha pasada)',
    { uploadsHoursAgo: 2, votingHoursAgo: 1 },
    'Votación cerrada hace una hora: fase `closed`, resultados finales.',
    `expectStatus(200); expectJson();
pm.test('fase closed', () => { pm.expect(body.phase).to.eql('closed'); pm.expect(body.next_deadline_at).to.eql(null); });
${expectSentDates}`,
    [contestExample('closed', '2026-03-01T04:59:00Z', '2026-03-15T04:59:00Z')],
  ),
  withDesk({
    name: 'Votar con la votación cerrada (403)',
    method: 'POST',
    path: '/public/videos/{{video_id}}/vote',
    auth: '{{token_b}}',
    description: 'Pasada la fecha de cierre de la votación: 403 `VOTING_CLOSED`, con la fecha; no se guarda nada.',
    tests: `expectProblem(403, ${votingClosedPattern}, 'VOTING_CLOSED');`,
    examples: [
      {
        name: '403',
        code: 403,
        body: problem(
          403,
          'La votación del concurso cerró el 14 de marzo de 2026, 23:59 GMT-5; ya no se reciben votos.',
          'VOTING_CLOSED',
        ),
      },
    ],
  }),
  withDesk({
    name: 'Ranking final',
    method: 'GET',
    path: '/public/rankings',
    query: { city: '{{city}}' },
    description:
      'Con la votación cerrada el ranking es definitivo: cabecera `X-Ranking-Status: final` (antes, `provisional`).',
    tests: `expectStatus(200); expectJson();
pm.test('X-Ranking-Status final', () => pm.expect(pm.response.headers.get('X-Ranking-Status')).to.eql('final'));
pm.test('Ana Pérez primera', () => { pm.expect(body[0].position).to.eql(1); pm.expect(body[0].username).to.eql('Ana Pérez'); });`,
    examples: [
      {
        name: '200 final',
        code: 200,
        headers: { 'X-Ranking-Status': 'final' },
        body: [{ position: 1, username: 'Ana Pérez', city: 'Cúcuta', votes: 2 }],
      },
    ],
  }),
  withDesk({
    name: 'Resultados finales',
    method: 'GET',
    path: '/admin/results',
    auth: '{{token_o}}',
    description: `${adminDoc}\n\nEl ranking de cada ciudad con el mejor video visible de cada jugador: \`status\` \`provisional\` hasta el cierre de la votación, \`final\` después; \`generated_at\`; por ciudad, \`players\` con \`position\`, \`player\`, \`email\`, \`video_title\`, \`video_url\` (la página para compartir) y \`votes\` (personas).`,
    tests: `expectStatus(200); expectJson();
pm.test('status final', () => pm.expect(body.status).to.eql('final'));
pm.test('generated_at', () => pm.expect(body.generated_at).to.match(ISO));
const city = body.cities.find((c) => c.players.some((p) => p.user_id === pm.collectionVariables.get('user_a')));
pm.test('Ana primera en su ciudad con su video', () => {
  pm.expect(city, 'la ciudad de Ana').to.be.an('object');
  const row = city.players[0];
  pm.expect(row).to.include({ position: 1, player: 'Ana Pérez', video_id: pm.collectionVariables.get('video_id'), votes: Number(pm.collectionVariables.get('video_votes')) });
  pm.expect(row.email).to.eql(pm.collectionVariables.get('email_a').toLowerCase());
  pm.expect(row.video_url).to.match(new RegExp('/v/' + row.video_id + '$'));
});`,
    examples: [
      {
        name: '200 final',
        code: 200,
        body: {
          status: 'final',
          generated_at: '2025-03-15T05:00:00.000Z',
          cities: [
            {
              city: 'Cúcuta',
              players: [
                {
                  position: 1,
                  user_id: exampleUserId,
                  player: 'Ana Pérez',
                  email: 'ana@example.com',
                  city: 'Cúcuta',
                  video_id: exampleId,
                  video_title: 'Mi mejor jugada',
                  video_url: `https://anb.example.com/v/${exampleId}`,
                  votes: 2,
                },
              ],
            },
          ],
        },
      },
      ex401,
      ex403,
    ],
  }),
  withDesk({
    name: 'Resultados finales en CSV',
    method: 'GET',
    path: '/admin/results.csv',
    auth: '{{token_o}}',
    description: `${adminDoc}\n\nLos mismos resultados para Excel y LibreOffice: \`text/csv; charset=utf-8\` con BOM, separador \`;\`, cada campo entre comillas (una celda que empieza con \`=\`, \`+\`, \`-\` o \`@\` lleva \`'\` delante), y la columna \`Estado\` en \`PROVISIONAL\` o \`FINAL\`. Se descarga como \`resultados-finales.csv\` (o \`resultados-provisionales.csv\`).`,
    tests: String.raw`expectStatus(200);
pm.test('Content-Type text/csv; charset=utf-8', () => pm.expect(pm.response.headers.get('Content-Type')).to.eql('text/csv; charset=utf-8'));
pm.test('se descarga como resultados-finales.csv', () => pm.expect(pm.response.headers.get('Content-Disposition')).to.eql('attachment; filename="resultados-finales.csv"'));
const bytes = pm.response.stream;
pm.test('empieza con el BOM de UTF-8 (EF BB BF)', () => pm.expect([bytes[0], bytes[1], bytes[2]]).to.eql([0xef, 0xbb, 0xbf]));
const lines = pm.response.text().replace(/^\uFEFF/, '').split('\r\n');
pm.test('encabezado', () => pm.expect(lines[0]).to.eql('"Posición";"Jugador";"Correo";"Ciudad";"Video";"Enlace";"Votos";"Estado"'));
pm.test('la fila de Ana, FINAL', () => {
  const row = lines.find((line) => line.includes('"' + pm.collectionVariables.get('email_a').toLowerCase() + '"'));
  pm.expect(row, 'fila de Ana').to.be.a('string');
  pm.expect(row).to.match(new RegExp('^"1";"Ana Pérez";'));
  pm.expect(row).to.match(new RegExp('"' + pm.collectionVariables.get('video_votes') + '";"FINAL"$'));
});`,
    examples: [
      {
        name: '200 CSV',
        code: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="resultados-finales.csv"',
        },
        body: `\uFEFF"Posición";"Jugador";"Correo";"Ciudad";"Video";"Enlace";"Votos";"Estado"\r\n"1";"Ana Pérez";"ana@example.com";"Cúcuta";"Mi mejor jugada";"https://anb.example.com/v/${exampleId}";"2";"FINAL"\r\n`,
      },
    ],
  }),
  contestPut(
    'Votación antes que las subidas (400)',
    { uploadsHoursAgo: 1, votingHoursAgo: 2 },
    'La votación no puede cerrar antes que las subidas, ni tener fecha si las subidas no la tienen: 400 `INVALID_CALENDAR`; el concurso no cambia.',
    `expectProblem(400, ${q(texts.invalidCalendar)}, 'INVALID_CALENDAR');`,
    [{ name: '400', code: 400, body: problem(400, texts.invalidCalendar, 'INVALID_CALENDAR') }],
  ),
  withDesk({
    name: 'Registro de auditoría',
    method: 'GET',
    path: '/admin/audit',
    auth: '{{token_o}}',
    query: { limit: '50' },
    description: `${adminDoc}\n\nCada acción de los organizadores, la más reciente primero: \`at\`, \`actor\` (\`user_id\` y \`email\`; \`null\` si se hizo desde la línea de comandos), \`action\`, \`target_type\`, \`target_id\`, \`reason\` y \`details\`. Query \`limit\`, \`offset\`; total en \`X-Total-Count\`. Ninguna ruta lo cambia.`,
    tests: `expectStatus(200); expectJson();
pm.test('X-Total-Count', () => pm.expect(Number(pm.response.headers.get('X-Total-Count'))).to.be.at.least(body.length));
pm.test('el más reciente primero', () => body.forEach((e, i) => i === 0 || pm.expect(Date.parse(e.at)).to.be.at.most(Date.parse(body[i - 1].at))));
const organiser = pm.collectionVariables.get('user_o');
const ours = body.filter((e) => e.actor.user_id === organiser || e.target_id === organiser);
pm.test('las acciones de esta carpeta, en orden', () => pm.expect(ours.map((e) => e.action)).to.eql(['contest_updated', 'contest_updated', 'user_reinstated', 'user_suspended', 'reports_dismissed', 'video_restored', 'video_hidden', 'grant_organiser']));
pm.test('hechas por la organizadora', () => ours.slice(0, 7).forEach((e) => pm.expect(e.actor).to.eql({ user_id: organiser, email: pm.collectionVariables.get('email_o').toLowerCase() })));
pm.test('el rol, desde la línea de comandos', () => { const grant = ours[7]; pm.expect(grant.actor).to.eql({ user_id: null, email: null }); pm.expect(grant.target_type).to.eql('user'); });
pm.test('ocultar: motivo y reportes atendidos', () => {
  const hidden = ours.find((e) => e.action === 'video_hidden');
  pm.expect(hidden).to.include({ target_type: 'video', target_id: pm.collectionVariables.get('video_id'), reason: 'Revisión de la colección: parece fútbol' });
  pm.expect(hidden.details).to.eql({ handled_reports: 1 });
});
pm.test('descartar: motivo y cuántos', () => pm.expect(ours.find((e) => e.action === 'reports_dismissed')).to.include({ target_type: 'video', target_id: pm.collectionVariables.get('video_id'), reason: 'Revisado: no infringe las reglas' }));
pm.test('suspender: la cuenta de Bruno', () => pm.expect(ours.find((e) => e.action === 'user_suspended')).to.include({ target_type: 'user', target_id: pm.collectionVariables.get('user_b'), reason: 'Revisión de la colección' }));`,
    examples: [
      {
        name: '200',
        code: 200,
        headers: { 'X-Total-Count': '8' },
        body: [
          {
            id: exampleId,
            at: '2025-03-15T05:00:00.000Z',
            actor: { user_id: exampleOrganiserId, email: 'olga@example.com' },
            action: 'contest_updated',
            target_type: 'contest',
            target_id: null,
            reason: null,
            details: {},
          },
          {
            id: exampleId,
            at: '2025-03-12T09:00:00.000Z',
            actor: { user_id: null, email: null },
            action: 'grant_organiser',
            target_type: 'user',
            target_id: exampleOrganiserId,
            reason: null,
            details: { email: 'olga@example.com' },
          },
        ],
      },
      ex401,
      ex403,
    ],
  }),
  contestPut(
    'Reabrir el concurso (sin fechas)',
    { uploadsHoursAgo: null, votingHoursAgo: null },
    'Deja el concurso como lo encontró la carpeta: abierto, sin fechas, con su nombre y sus reglas. Es la última petición y corre aunque las anteriores fallen.',
    `expectStatus(200); expectJson();
pm.test('fase open, sin fechas', () => pm.expect(body).to.include({ phase: 'open', uploads_close_at: null, voting_closes_at: null, next_deadline_at: null }));
${expectSentDates}`,
    [contestExample('open', null, null)],
  ),
];

export const organiserFolder: Folder = {
  name: '7. Organización',
  description: [
    'El concurso público (`GET /contest`), los reportes de videos y las herramientas del equipo organizador (`/admin/*`): cola de reportes, todos los videos, el origen de los votos, ocultar, restaurar y descartar reportes, buscar, suspender y rehabilitar cuentas, el calendario y lo que cierra, los resultados (tabla y CSV) y el registro de auditoría; con sus rechazos (401, 403, 400, 404).',
    'El rol de organizador solo se da desde la línea de comandos (`npm run admin -- grant-organiser <correo>`); `npm run e2e` lo hace con el escritorio de la prueba (`organiser_desk_url`). Sin él, las peticiones que necesitan un organizador se omiten y las públicas y los rechazos corren igual.',
    'Trabaja sobre el video de Ana, el voto de Bruno y sus cuentas, de las carpetas anteriores, y deja el concurso abierto y sin fechas al terminar.',
  ].join(' '),
  items,
};
