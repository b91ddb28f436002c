import { randomUUID } from 'node:crypto';

export interface HttpPlayer {
  email: string;
  token: string;
  auth: { authorization: string };
}

/** A new player signed up and logged in over real HTTP at `api` (its base URL ends in `/api`); for drills and e2e. */
export async function newPlayerOverHttp(api: string, city = 'Medellín'): Promise<HttpPlayer> {
  const email = `player-${randomUUID()}@example.com`;
  const password = 'ClaveSegura123';
  const signup = await postJson(`${api}/auth/signup`, {
    ...{ first_name: 'Jugadora', last_name: 'De Prueba', email, password1: password, password2: password },
    ...{ city, country: 'Colombia' },
  });
  if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${await signup.text()}`);
  const login = await postJson(`${api}/auth/login`, { email, password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  return { email, token, auth: { authorization: `Bearer ${token}` } };
}

const postJson = (url: string, body: object) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
