import { callApi } from './http.ts';
import type { LoginAnswer, SignupInput } from './types.ts';

/** `returnTo` (a shared video's page) is where the confirmation mail's link leads back to. */
export const signUp = async (input: SignupInput, returnTo?: string) =>
  (
    await callApi<{ message: string; user_id: string }>('/api/auth/signup', {
      method: 'POST',
      body: returnTo ? { ...input, return_to: returnTo } : input,
    })
  ).data;

export const logIn = async (email: string, password: string) =>
  (await callApi<LoginAnswer>('/api/auth/login', { method: 'POST', body: { email, password } })).data;
