import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi } from '../src/api/http.ts';
import { endSession, getSession, onSessionExpired, startSession } from '../src/session/session.ts';

const base64url = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');
const jwtExpiringAt = (seconds: number) =>
  `${base64url({ alg: 'HS256' })}.${base64url({ sub: 'p1', exp: seconds })}.sig`;
const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ status, detail, code: 'UNAUTHORIZED' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

afterEach(() => {
  endSession();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the session', () => {
  it('is kept in localStorage, so a reload keeps the player signed in', () => {
    const token = jwtExpiringAt(Math.floor(Date.now() / 1000) + 3600);
    startSession(token, 3600, 'ana@example.com');
    const stored = JSON.parse(localStorage.getItem('anb.session') ?? '{}');
    expect(stored).toMatchObject({ token, email: 'ana@example.com' });
    expect(stored.expiresAt).toBe(JSON.parse(atob(token.split('.')[1] as string)).exp * 1000);
  });

  it('ends when the token expires, telling the app so it can send the player to sign in', async () => {
    vi.useFakeTimers();
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    startSession(jwtExpiringAt(Math.floor(Date.now() / 1000) + 60), 60, 'ana@example.com');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(getSession()).not.toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(getSession()).toBeNull();
    expect(localStorage.getItem('anb.session')).toBeNull();
    expect(expired).toHaveBeenCalledOnce();
    stop();
  });

  it('ends when the API refuses the token with 401, and the refusal reaches the caller', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    const detail = 'El usuario no está autenticado o el token JWT es inválido o expirado.';
    const fetchMock = vi.fn(async () => problem(401, detail));
    vi.stubGlobal('fetch', fetchMock);
    startSession(jwtExpiringAt(Math.floor(Date.now() / 1000) + 3600), 3600, 'ana@example.com');
    await expect(callApi('/api/videos')).rejects.toMatchObject({ status: 401, message: detail });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/videos',
      expect.objectContaining({
        headers: expect.objectContaining({ authorization: expect.stringMatching(/^Bearer /) }),
      }),
    );
    expect(getSession()).toBeNull();
    expect(expired).toHaveBeenCalledOnce();
    stop();
  });

  it('keeps a token that replaced the one a refused request carried (a new password mid-request)', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    let answer!: (response: Response) => void;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))),
    );
    startSession(jwtExpiringAt(Math.floor(Date.now() / 1000) + 3600), 3600, 'ana@example.com');
    const refused = callApi('/api/videos');
    const replacement = jwtExpiringAt(Math.floor(Date.now() / 1000) + 3601);
    startSession(replacement, 3600, 'ana@example.com');
    answer(problem(401, 'El token JWT es inválido o expirado.'));
    await expect(refused).rejects.toMatchObject({ status: 401 });
    expect(getSession()?.token).toBe(replacement);
    expect(expired).not.toHaveBeenCalled();
    stop();
  });

  it('does not treat a wrong password (401 without a session) as an expiry', async () => {
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(401, 'Credenciales inválidas.')),
    );
    await expect(callApi('/api/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({
      message: 'Credenciales inválidas.',
    });
    expect(expired).not.toHaveBeenCalled();
    stop();
  });
});
