import { callApi } from './http.ts';
import type { LoginAnswer, SignupInput } from './types.ts';

export const signUp = async (input: SignupInput) =>
  (await callApi<{ message: string; user_id: string }>('/api/auth/signup', { method: 'POST', body: input })).data;

export const logIn = async (email: string, password: string) =>
  (await callApi<LoginAnswer>('/api/auth/login', { method: 'POST', body: { email, password } })).data;
