import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api.ts';
import { newPlayer, signupBody } from '@anb/testing/players';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const signup = (payload: unknown) =>
  api.app.inject({ method: 'POST', url: '/api/auth/signup', payload: payload as object });
const login = (payload: unknown) =>
  api.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });

describe('POST /api/auth/signup', () => {
  it('creates the player and answers 201 with the contract message and the user id', async () => {
    const response = await signup(signupBody());
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ message: 'Usuario creado exitosamente.', user_id: expect.any(String) });
  });

  it('stores one bcrypt hash and never the password', async () => {
    const body = signupBody();
    const { user_id } = (await signup(body)).json();
    const row = await api.testDb.db.selectFrom('users').selectAll().where('id', '=', user_id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$2[aby]\$04\$/);
    expect(JSON.stringify(row)).not.toContain(body.password1);
  });

  it('refuses a duplicate email whatever its case, with EMAIL_TAKEN', async () => {
    const body = signupBody();
    await signup(body);
    const response = await signup({ ...signupBody(), email: body.email.toUpperCase() });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 400,
      title: 'Bad Request',
      code: 'EMAIL_TAKEN',
      detail: expect.stringContaining('Error de validación (email duplicado, contraseñas no coinciden)'),
    });
  });

  it('refuses different passwords with PASSWORD_MISMATCH and creates nobody', async () => {
    const body = signupBody({ password2: 'OtherPass123' });
    const response = await signup(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'PASSWORD_MISMATCH' });
    const count = await api.testDb.db.selectFrom('users').select('id').where('email', '=', body.email).execute();
    expect(count).toHaveLength(0);
  });

  it.each([
    ['a missing field', (({ city: _city, ...rest }) => rest)(signupBody())],
    ['an empty field', signupBody({ first_name: '   ' })],
    ['a malformed email', signupBody({ email: 'not-an-email' })],
    ['a field of the wrong type', { ...signupBody(), country: 42 }],
    ['a short password', signupBody({ password1: 'short', password2: 'short' })],
    ['a password longer than bcrypt reads', signupBody({ password1: 'ñ'.repeat(40), password2: 'ñ'.repeat(40) })],
    ['an oversized name', signupBody({ last_name: 'x'.repeat(101) })],
  ])('answers 400 VALIDATION_ERROR with the organiser text and the field for %s', async (_case, body) => {
    const response = await signup(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      detail: 'Error de validación (email duplicado, contraseñas no coinciden).',
      errors: [expect.objectContaining({ path: expect.any(String), message: expect.any(String) })],
    });
  });

  it('words each field refusal as the web app words it before sending (core account texts)', async () => {
    const response = await signup({
      ...(({ city: _city, ...rest }) => rest)(signupBody()),
      first_name: '  ',
      email: 'ana@',
      password1: 'corta',
      password2: 'corta',
      last_name: 'x'.repeat(101),
    });
    expect(response.json().errors).toEqual([
      { path: 'first_name', message: 'Escribe tu nombre.' },
      { path: 'last_name', message: 'Máximo 100 caracteres.' },
      { path: 'email', message: 'Escribe un correo válido, por ejemplo ana@ejemplo.com.' },
      { path: 'password1', message: 'La contraseña debe tener al menos 8 caracteres.' },
      { path: 'city', message: 'Escribe tu ciudad.' },
    ]);
  });

  it('takes a password as typed, spaces included', async () => {
    const body = signupBody({ password1: ' StrongPass123 ', password2: ' StrongPass123 ' });
    expect((await signup(body)).statusCode).toBe(201);
    expect((await login({ email: body.email, password: 'StrongPass123' })).statusCode).toBe(401);
    expect((await login({ email: body.email, password: ' StrongPass123 ' })).statusCode).toBe(200);
  });

  it('ignores extra fields instead of trusting them', async () => {
    const response = await signup({ ...signupBody(), id: '00000000-0000-7000-8000-000000000000', is_admin: true });
    expect(response.statusCode).toBe(201);
    expect(response.json().user_id).not.toBe('00000000-0000-7000-8000-000000000000');
  });

  it('keeps unicode and SQL-looking text as plain data', async () => {
    const body = signupBody({ first_name: "Robert'); DROP TABLE users;--", last_name: 'Müller 🏀', city: 'Cúcuta' });
    const response = await signup(body);
    expect(response.statusCode).toBe(201);
    const row = await api.testDb.db
      .selectFrom('users')
      .select(['first_name', 'last_name', 'city_key'])
      .where('id', '=', response.json().user_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ first_name: "Robert'); DROP TABLE users;--", last_name: 'Müller 🏀', city_key: 'cucuta' });
  });

  it.each(['first_name', 'last_name', 'email', 'password1', 'password2', 'city', 'country'] as const)(
    'refuses a NUL or control character in %s with 400 naming the field, and creates nobody',
    async (field) => {
      for (const bad of ['\u0000', '\u0007', '\u009b']) {
        const body = signupBody();
        const email = body.email;
        body[field] = field === 'email' ? `ana${bad}@example.com` : `StrongPass${bad}123`;
        if (field === 'password1') body.password2 = body.password1;
        const response = await signup(body);
        expect(response.statusCode, response.body).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
        expect(response.json().errors).toContainEqual({
          path: field,
          message: expect.stringMatching(/caracteres de control/),
        });
        expect(await api.testDb.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
      }
    },
  );

  it('answers 400 for malformed JSON', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"first_name": "Ana",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 400, code: 'VALIDATION_ERROR' });
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      headers: { 'content-type': 'text/plain' },
      payload: 'first_name=Ana',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});

describe('POST /api/auth/login', () => {
  it.each([
    ['email', { email: 'ana\u0000@example.com', password: 'StrongPass123' }],
    ['password', { email: 'ana@example.com', password: 'StrongPass123\u0000anything' }],
  ])('answers 400 naming %s when it holds a NUL byte', async (field, payload) => {
    const response = await login(payload);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', errors: [{ path: field }] });
  });

  it('returns a bearer JWT valid for 3600 s whose subject is the player', async () => {
    const body = signupBody();
    const { user_id } = (await signup(body)).json();
    const response = await login({ email: body.email.toUpperCase(), password: body.password1 });
    expect(response.statusCode).toBe(200);
    const token = response.json();
    expect(token).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
    const [header, payload] = token.access_token
      .split('.')
      .slice(0, 2)
      .map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header.alg).toBe('HS256');
    expect(payload.sub).toBe(user_id);
    expect(payload.exp - payload.iat).toBe(3600);
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const player = await newPlayer(api.app);
    const wrongPassword = await login({ email: player.email, password: 'WrongPass123' });
    const unknownEmail = await login({ email: 'nobody@example.com', password: 'WrongPass123' });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        status: 401,
        detail: 'Credenciales inválidas.',
        code: 'INVALID_CREDENTIALS',
      });
    }
  });

  it('answers 400 naming the missing field, in Spanish', async () => {
    const response = await login({ email: 'ana@example.com' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      errors: [{ path: 'password', message: 'Escribe tu contraseña.' }],
    });
  });
});

describe('rate limiting of signup and login', () => {
  it('answers 429 problem+json once a client exceeds the configured attempts', async () => {
    const limited = await startTestApi({ RATE_LIMIT_AUTH_MAX: '2' });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: 'x@example.com', password: 'nope' },
        });
      expect((await attempt()).statusCode).toBe(401);
      expect((await attempt()).statusCode).toBe(401);
      const third = await attempt();
      expect(third.statusCode).toBe(429);
      expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(third.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    } finally {
      await limited.close();
    }
  });
});
